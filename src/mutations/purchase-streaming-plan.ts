/**
 * Buying a streaming plan (the create document streaming order create): validated first, never retried
 * blindly, at most once per idempotency key, and visible to reads right after.
 */
import type { Context } from '../server/context.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';
import { loadAll } from '../loaders/paged-source.js';
import { runIdempotentWrite } from './idempotent.js';
import { newOrderOn } from './new-order.js';
import { checkOnSale, purchaseInput } from './validation.js';

export async function purchaseStreamingPlan(ctx: Context, raw: unknown): Promise<StreamingOrder> {
  // A well-formed commodityCode must also be on sale, reported with the other problems.
  const { idempotencyKey, ...input } = await checkOnSale(
    purchaseInput,
    raw,
    ['commodityCode'],
    async ({ commodityCode }) => {
      const plans = await ctx.streamingPlans();
      return plans.some((p) => p.commodityCode === commodityCode)
        ? null
        : {
            field: 'input.commodityCode',
            rule: `must be one of the streaming plans (${plans.map((p) => p.commodityCode).join(', ')})`,
          };
    },
  );
  const { iotId } = input;
  const made = newOrderOn(
    () => ctx.devices.forgetDevice(iotId),
    () => loadAll(ctx.devices.streamingOrders(iotId)),
    (o) => o.commodityCode === input.commodityCode && o.copies === input.copies,
  );
  try {
    const order = await runIdempotentWrite<StreamingOrder>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:purchaseStreamingPlan`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: (order) => [order],
        // The vendor has no client token: remember the orders that existed, to find ours later.
        prepare: made.prepare,
        write: () =>
          ctx.services.ilop.createStreamingOrder(
            {
              iotId,
              commodityCode: input.commodityCode,
              copies: input.copies,
              ...(input.userName != null ? { userName: input.userName } : {}),
              ...(input.userId != null ? { userId: input.userId } : {}),
              ...(input.immediateUse != null ? { immediateUse: input.immediateUse } : {}),
            },
            ctx.ilopCall(),
          ),
        reconcile: made.find,
      },
      streamingOrderCodec,
    );
    // BSS made the order's billing order (OrderId = outOrderNo): into the billing index at once.
    // A failed read is no failed purchase; the next recent sweep brings it.
    if (order.outOrderNo) await ctx.billing.remember(order.outOrderNo).catch(() => {});
    return order;
  } finally {
    await ctx.devices.forgetDevice(iotId);
  }
}
