/**
 * The billing index in Redis, shared by every replica (layout: docs/billing-index.md): a hash of
 * orders by OrderId, a sorted set of OrderIds by CreateTime for windows, and the sweep state.
 */
import type { Redis } from '../redis.js';
import { decodeOrder, encodeOrder } from './codec.js';
import { listFields, newestFirst, type BillingIndexStore, type SweepState } from './store.js';

/** The index's keys for one account (`account`: a hash, never the AccessKeyId itself). */
export function indexKeys(account: string) {
  const base = `billing-index:${account}`;
  return {
    orders: `${base}:orders`,
    created: `${base}:created`,
    state: `${base}:state`,
    lease: `${base}:lease`,
  };
}

export function createRedisIndexStore(redis: Redis, account: string): BillingIndexStore {
  const keys = indexKeys(account);
  return {
    async get(ids) {
      if (ids.length === 0) return [];
      const raw = await redis.hmget(keys.orders, ...ids);
      return raw.map((json) => (json === null ? undefined : decodeOrder(json)));
    },
    async put(list) {
      if (list.length === 0) return;
      const multi = redis.multi();
      for (const order of list) {
        multi.hset(keys.orders, order.orderId, encodeOrder(listFields(order)));
        multi.zadd(keys.created, order.createTime?.getTime() ?? 0, order.orderId);
      }
      await multi.exec();
    },
    async range(from, to) {
      const ids = await redis.zrangebyscore(keys.created, from, to);
      const orders = (await this.get(ids)).filter((o) => o !== undefined);
      return orders.sort(newestFirst);
    },
    async state() {
      const raw = await redis.get(keys.state);
      return raw === null ? null : (JSON.parse(raw) as SweepState);
    },
    async setState(state) {
      await redis.set(keys.state, JSON.stringify(state));
    },
    size: () => redis.hlen(keys.orders),
  };
}
