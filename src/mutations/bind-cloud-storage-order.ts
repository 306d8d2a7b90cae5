/**
 * Binding a cloud-storage order to a device's admin (docs/vendors.md#endpoints): validated first, never retried
 * blindly, at most once per idempotency key, and visible to reads right after.
 */
import type { Context } from '../server/context.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { nullable } from '../domain/json-codec.js';
import type { BindCloudStorageOrderParams } from '../upstream/clients.js';
import { VendorError } from '../upstream/vendor-error.js';
import { runIdempotentWrite } from './idempotent.js';
import { accessRefusal } from './write-errors.js';
import { bindInput, validate } from './validation.js';

export async function bindCloudStorageOrder(
  ctx: Context,
  raw: unknown,
): Promise<CloudStorageOrder> {
  const { idempotencyKey, ...input } = validate(bindInput, raw);
  const { iotId, orderId } = input;
  const params = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as unknown as BindCloudStorageOrderParams;
  const readBack = () => ctx.services.ilop.getCloudStorageOrder({ iotId, orderId }, ctx.ilopCall());
  try {
    const bound = await runIdempotentWrite<CloudStorageOrder | null>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:bindCloudStorageOrder`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: (order) => (order ? [order] : []),
        write: () => ctx.services.ilop.bindCloudStorageOrder(params, ctx.ilopCall()),
        // Bound with `data: null`: the order read back is what replays answer.
        complete: async (order) => order ?? (await readBack()),
        // The order detail tells whether an earlier attempt bound it here.
        reconcile: async () => {
          try {
            const order = await readBack();
            return order.iotId === iotId ? order : null;
          } catch (err) {
            if (err instanceof VendorError && err.category === 'invalid-parameter') return null;
            throw err;
          }
        },
      },
      nullable(cloudStorageOrderCodec),
    );
    if (bound) return bound;
    // Its read back failed, or a record from before outcomes were recorded whole: read it now.
    const order = await readBack().catch((err: unknown) => Promise.reject(accessRefusal(err)));
    ctx.services.live.changed([order]);
    return order;
  } finally {
    await ctx.devices.forgetDevice(iotId);
  }
}
