/**
 * Buying a streaming plan (the create document streaming order create): validated first, never retried
 * blindly, at most once per idempotency key, and visible to reads right after.
 */
import type { Context } from '../server/context.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';
import { loadAll } from '../loaders/paged-source.js';
import { ValidationError } from './results.js';
import { runIdempotentWrite } from './idempotent.js';
import { check, purchaseInput } from './validation.js';

export async function purchaseStreamingPlan(ctx: Context, raw: unknown): Promise<StreamingOrder> {
  const checked = check(purchaseInput, raw);
  const issues = [...checked.issues];
  // A well-formed commodityCode must also be on sale, reported with the other problems.
  const code = purchaseInput.shape.commodityCode.safeParse(
    (raw as { commodityCode?: unknown } | null)?.commodityCode,
  );
  if (code.success) {
    const plans = await ctx.streamingPlans();
    if (!plans.some((p) => p.commodityCode === code.data)) {
      issues.push({
        field: 'input.commodityCode',
        rule: `must be one of the streaming plans (${plans.map((p) => p.commodityCode).join(', ')})`,
      });
    }
  }
  if (checked.data === null || issues.length > 0) throw new ValidationError(issues);
  const { idempotencyKey, ...input } = checked.data;
  const { iotId } = input;
  const orderIds = async () => {
    await ctx.devices.forgetDevice(iotId);
    return (await loadAll(ctx.devices.streamingOrders(iotId))).map((o) => o.orderId);
  };
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
        prepare: orderIds,
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
        reconcile: async (before) => {
          const known = new Set(Array.isArray(before) ? (before as string[]) : []);
          await ctx.devices.forgetDevice(iotId);
          const orders = await loadAll(ctx.devices.streamingOrders(iotId));
          return (
            orders.find(
              (o) =>
                !known.has(o.orderId) &&
                o.commodityCode === input.commodityCode &&
                o.copies === input.copies,
            ) ?? null
          );
        },
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
