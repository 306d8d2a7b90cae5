/**
 * The billing index in this process: each order kept as its JSON text with its CreateTime beside
 * it, about half the heap of the decoded objects (docs/billing-index.md, memory). Reads decode:
 * requests read the index only on a shared-cache miss or refresh.
 */
import type { BillingOrder } from '../domain/billing-order.js';
import { decodeOrder, encodeOrder } from './codec.js';
import { listFields, newestFirst, type BillingIndexStore, type SweepState } from './order-store.js';

interface Held {
  createdAt: number;
  json: string;
}

export function createMemoryIndexStore(): BillingIndexStore {
  const orders = new Map<string, Held>();
  let sweep: SweepState | null = null;
  return {
    get: (ids) =>
      ids.map((id) => {
        const held = orders.get(id);
        return held && decodeOrder(held.json);
      }),
    async put(list) {
      for (const order of list) {
        orders.set(order.orderId, {
          createdAt: order.createTime?.getTime() ?? 0,
          json: encodeOrder(listFields(order)),
        });
      }
    },
    async range(from, to) {
      const out: BillingOrder[] = [];
      for (const held of orders.values()) {
        if (held.createdAt >= from && held.createdAt <= to) out.push(decodeOrder(held.json));
      }
      return out.sort(newestFirst);
    },
    state: async () => sweep,
    async setState(state) {
      sweep = { ...state };
    },
    async dropBefore(cutoff) {
      let dropped = 0;
      for (const [id, held] of orders) {
        if (held.createdAt < cutoff && orders.delete(id)) dropped++;
      }
      return dropped;
    },
    size: async () => orders.size,
  };
}
