/**
 * Which orders a sweep page changed, against what the index held before it (docs/subscriptions.md):
 * a payment status or time that moved, or an order the index did not know created since `newSince`
 * (a recent sweep after the first: any). One found while the index fills (its first sweep, the
 * back-sweep) is not news.
 */
import type { BillingOrder } from '../domain/billing-order.js';

export function changedOrders(
  before: readonly (BillingOrder | undefined)[],
  swept: readonly BillingOrder[],
  newSince: number,
): BillingOrder[] {
  return swept.filter((order, i) => {
    const held = before[i];
    if (!held) return (order.createTime?.getTime() ?? 0) >= newSince;
    return (
      held.paymentStatus !== order.paymentStatus ||
      held.paymentTime?.getTime() !== order.paymentTime?.getTime()
    );
  });
}
