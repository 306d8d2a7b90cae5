/**
 * Freezing a cloud-storage order (status/set, status 2), for support staff: an admin key only,
 * refused to a user before any vendor call. Never retried blindly, at most once per idempotency
 * key, and visible to reads right after.
 */
import type { Context } from '../server/context.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { runIdempotentWrite } from './idempotent.js';
import { ForbiddenError } from './results.js';
import { orderActionInput, validate } from './validation.js';

export async function freezeCloudStorageOrder(
  ctx: Context,
  raw: unknown,
): Promise<CloudStorageOrder> {
  if (ctx.viewer.kind !== 'admin') {
    throw new ForbiddenError('Only an admin key (support staff) may freeze an order.');
  }
  const { idempotencyKey, ...input } = validate(orderActionInput, raw);
  const read = () => ctx.services.ilop.getCloudStorageOrder(input, ctx.ilopCall());
  try {
    return await runIdempotentWrite<CloudStorageOrder>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:freezeCloudStorageOrder`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: (order) => [order],
        write: () => ctx.services.ilop.freezeCloudStorageOrder(input, ctx.ilopCall()),
        // Freezing twice changes nothing: a frozen order is what the first attempt made.
        reconcile: async () => {
          const order = await read();
          return order.status === 'FROZEN' ? order : null;
        },
      },
      cloudStorageOrderCodec,
    );
  } finally {
    await ctx.devices.forgetDevice(input.iotId);
  }
}
