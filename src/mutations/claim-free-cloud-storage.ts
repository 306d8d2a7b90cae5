/**
 * Claiming a device's free cloud-storage plan (freecloudstorage/consume): validated first, never
 * retried blindly, at most once per idempotency key, and visible to reads right after. A plan
 * already claimed is a typed FreePlanUsedError, not a vendor code.
 */
import type { Context } from '../server/context.js';
import { freeCloudStorageCodec, type FreeCloudStorage } from '../domain/free-cloud-storage.js';
import { FREE_PLAN_USED_CODE } from '../upstream/ilop/free-cloud-storage.js';
import { runIdempotentWrite } from './idempotent.js';
import { FreePlanUsedError, VendorRejectedError } from './results.js';
import { claimFreeInput, validate } from './validation.js';

export async function claimFreeCloudStorage(ctx: Context, raw: unknown): Promise<FreeCloudStorage> {
  const { idempotencyKey, ...input } = validate(claimFreeInput, raw);
  const { iotId } = input;
  const params = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as Parameters<typeof ctx.services.ilop.consumeFreeCloudStorage>[0];
  const read = () => ctx.services.ilop.getFreeCloudStorage({ iotId }, ctx.ilopCall());
  try {
    return await runIdempotentWrite<FreeCloudStorage>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:claimFreeCloudStorage`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        // The free plan is not an order of the device's lists: nothing for orderUpdated.
        changed: () => [],
        // The quota left before: a claim that happened used some of it.
        prepare: async () => (await read()).remainingQuota,
        write: () => ctx.services.ilop.consumeFreeCloudStorage(params, ctx.ilopCall()),
        reconcile: async (before) => {
          const plan = await read();
          return typeof before === 'number' && plan.remainingQuota < before ? plan : null;
        },
      },
      freeCloudStorageCodec,
    );
  } catch (err) {
    if (err instanceof VendorRejectedError && err.vendorCode === FREE_PLAN_USED_CODE) {
      throw new FreePlanUsedError(
        'The free plan of this device was already claimed, or too little of its quota is left.',
        err.vendorCode,
        err.requestId,
      );
    }
    throw err;
  } finally {
    await ctx.devices.forgetDevice(iotId);
    ctx.devicePlans.forgetDevice(iotId);
  }
}
