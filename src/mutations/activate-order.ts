/**
 * Starting a paid, queued order now (cloud-storage commodity/enable, streaming order enable): the
 * shared write path of both activate mutations. Validated first, never retried blindly, at most
 * once per idempotency key, and visible to reads right after.
 */
import type { Context } from '../server/context.js';
import type { JsonCodec } from '../domain/json-codec.js';
import type { DeviceOrder } from '../live/events.js';
import type { IlopCallOptions } from '../upstream/clients.js';
import { runIdempotentWrite } from './idempotent.js';
import { orderActionInput, validate } from './validation.js';

type OrderCall<O> = (p: { iotId: string; orderId: string }, opts: IlopCallOptions) => Promise<O>;

export async function activateOrder<O extends DeviceOrder>(
  ctx: Context,
  raw: unknown,
  mutation: { name: string; read: OrderCall<O>; enable: OrderCall<O>; codec: JsonCodec<O> },
): Promise<O> {
  const { idempotencyKey, ...input } = validate(orderActionInput, raw);
  const read = () => mutation.read(input, ctx.ilopCall());
  try {
    return await runIdempotentWrite<O>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:${mutation.name}`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: (order) => [order],
        // Its start before the write: an enable that happened moved it earlier (to "now").
        prepare: async () => (await read()).startTime?.toISOString() ?? null,
        write: () => mutation.enable(input, ctx.ilopCall()),
        reconcile: async (before) => {
          const order = await read();
          const start = order.startTime?.getTime();
          return typeof before === 'string' && start !== undefined && start < Date.parse(before)
            ? order
            : null;
        },
      },
      mutation.codec,
    );
  } finally {
    await ctx.devices.forgetDevice(input.iotId);
  }
}
