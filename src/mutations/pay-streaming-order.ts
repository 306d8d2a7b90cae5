/**
 * Paying a streaming order (the vendor creates it unpaid): validated first, never retried blindly,
 * at most once per idempotency key, and visible to reads right after. The order is read first: one
 * already paying or paid is answered as it is, with no second payment.
 */
import type { Context } from '../server/context.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';
import { objectCodec } from '../domain/json-codec.js';
import { runIdempotentWrite } from './idempotent.js';
import { orderActionInput, validate } from './validation.js';

export interface PaidStreamingOrder {
  /** The order after the call: PAYING until the vendor settles it, then PAID. */
  order: StreamingOrder;
  /** The order was paying or paid before this request: nothing was sent. */
  alreadyPaid: boolean;
}

const paidCodec = objectCodec<PaidStreamingOrder>({
  order: (json) => streamingOrderCodec.decode(json),
});

export async function payStreamingOrder(ctx: Context, raw: unknown): Promise<PaidStreamingOrder> {
  const { idempotencyKey, ...input } = validate(orderActionInput, raw);
  const { iotId, orderId } = input;
  const read = () => ctx.services.ilop.getStreamingOrder({ iotId, orderId }, ctx.ilopCall());
  try {
    const paid = await runIdempotentWrite<PaidStreamingOrder>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:payStreamingOrder`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: ({ order }) => [order],
        write: async () => {
          const before = await read();
          if (before.paymentStatus !== 'UNPAID') return { order: before, alreadyPaid: true };
          return {
            order: await ctx.services.ilop.payStreamingOrder({ iotId, orderId }, ctx.ilopCall()),
            alreadyPaid: false,
          };
        },
        // Only an unpaid order is paid: one that is paying or paid now was paid by that attempt.
        reconcile: async () => {
          const order = await read();
          return order.paymentStatus === 'UNPAID' ? null : { order, alreadyPaid: false };
        },
      },
      paidCodec,
    );
    // Its BSS order (made by the purchase, in the index already) turns Paid only when the vendor
    // settles the payment, later: the index's recent sweep brings that (docs/selling.md).
    return paid;
  } finally {
    await ctx.devices.forgetDevice(iotId);
  }
}
