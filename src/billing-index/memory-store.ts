/** The billing index in this process: a Map by OrderId (memory: docs/billing-index.md). */
import type { BillingOrder } from '../domain/billing-order.js';
import { listFields, newestFirst, type BillingIndexStore, type SweepState } from './store.js';

export function createMemoryIndexStore(): BillingIndexStore {
  const orders = new Map<string, BillingOrder>();
  let sweep: SweepState | null = null;
  return {
    get: (ids) => ids.map((id) => orders.get(id)),
    async put(list) {
      for (const order of list) orders.set(order.orderId, listFields(order));
    },
    async range(from, to) {
      const out: BillingOrder[] = [];
      for (const order of orders.values()) {
        const t = order.createTime?.getTime();
        if (t !== undefined && t >= from && t <= to) out.push(order);
      }
      return out.sort(newestFirst);
    },
    state: async () => sweep,
    async setState(state) {
      sweep = { ...state };
    },
    size: async () => orders.size,
  };
}
