/**
 * Moving a cloud-storage plan to another device (cloudstorage/transfer 1.0.1): the caller must
 * administer both devices, checked on each from the user's binding list before any write (a typed
 * ForbiddenError naming which). Never retried blindly, at most once per idempotency key, and both
 * devices read fresh after it.
 */
import type { Context } from '../server/context.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { loadAll } from '../loaders/paged-source.js';
import type { TransferCloudStorageOrderParams } from '../upstream/clients.js';
import { runIdempotentWrite } from './idempotent.js';
import { newOrderOn } from './new-order.js';
import { ForbiddenError } from './results.js';
import { transferInput, validate } from './validation.js';

export async function transferCloudStorageOrder(
  ctx: Context,
  raw: unknown,
): Promise<CloudStorageOrder> {
  const { idempotencyKey, fromIotId, orderId, toIotId, ...rest } = validate(transferInput, raw);
  const input = { fromIotId, orderId, toIotId, ...rest };
  if (ctx.viewer.kind === 'user') {
    for (const [field, iotId] of [
      ['fromIotId', fromIotId],
      ['toIotId', toIotId],
    ] as const) {
      const binding = await ctx.bindings.binding(iotId);
      if (binding?.role !== 'OWNER') {
        throw new ForbiddenError(
          `input.${field}: only the device administrator may transfer a plan (${binding ? 'the device is shared with you' : 'you are not bound to the device'}).`,
        );
      }
    }
  }
  const params = {
    srcIotId: fromIotId,
    srcOrderId: orderId,
    dstIotId: toIotId,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined)),
  } as TransferCloudStorageOrderParams;
  // The destination's new order: not there before, for the same plan as the source order.
  const source = () =>
    ctx.services.ilop.getCloudStorageOrder({ iotId: fromIotId, orderId }, ctx.ilopCall());
  const forget = async () => {
    await ctx.devices.forgetDevice(fromIotId);
    await ctx.devices.forgetDevice(toIotId);
  };
  try {
    const moved = newOrderOn(
      forget,
      () => loadAll(ctx.devices.cloudStorageOrders(toIotId)),
      () => true,
    );
    return await runIdempotentWrite<CloudStorageOrder>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:transferCloudStorageOrder`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: (order) => [order],
        prepare: moved.prepare,
        write: () => ctx.services.ilop.transferCloudStorageOrder(params, ctx.ilopCall()),
        // The source's order ended: its subscribers hear of it too (one read, best effort).
        complete: async (made) => {
          await source()
            .then((ended) => ctx.services.live.changed([ended]))
            .catch(() => {});
          return made;
        },
        // It happened if the source order has ended and the destination has a new order for its plan.
        reconcile: async (before) => {
          const src = await source();
          if (src.status === 'ACTIVE') return null;
          const made = await moved.find(before);
          return made &&
            made.commodityCode === src.commodityCode &&
            made.specification === src.specification
            ? made
            : null;
        },
      },
      cloudStorageOrderCodec,
    );
  } finally {
    await forget();
  }
}
