/**
 * Request-time misses waiting for an order the sweep of this process may bring first: the cold
 * dashboard's GetOrderDetail calls queue at BSS's rate while the sweep lists 20 orders a call, so
 * whichever answers first wins and the other is dropped (docs/billing-index.md, cold start).
 */
import type { BillingOrder } from '../domain/billing-order.js';

export interface Arrivals {
  /** Resolves when `notify` brings the order; `cancel` stops waiting. */
  wait(orderId: string): { arrived: Promise<BillingOrder>; cancel(): void };
  notify(orders: readonly BillingOrder[]): void;
}

export function createArrivals(): Arrivals {
  const waiting = new Map<string, Set<(order: BillingOrder) => void>>();
  return {
    wait(orderId) {
      let listener!: (order: BillingOrder) => void;
      const arrived = new Promise<BillingOrder>((resolve) => (listener = resolve));
      let set = waiting.get(orderId);
      if (!set) waiting.set(orderId, (set = new Set()));
      set.add(listener);
      return {
        arrived,
        cancel() {
          set.delete(listener);
          if (set.size === 0 && waiting.get(orderId) === set) waiting.delete(orderId);
        },
      };
    },
    notify(orders) {
      if (waiting.size === 0) return;
      for (const order of orders) {
        const set = waiting.get(order.orderId);
        if (!set) continue;
        waiting.delete(order.orderId);
        for (const listener of set) listener(order);
      }
    },
  };
}
