/**
 * The billing index in Redis, shared by every replica (layout: docs/billing-index.md): a hash of
 * orders by OrderId, a sorted set of OrderIds by CreateTime for windows, and the sweep state.
 * Every command runs through the Redis guard: a lookup that fails is a miss (BSS answers), any
 * other failure is rethrown for its caller to judge (a page is not answered, a sweep stops, a
 * write-through is dropped).
 */
import type { RedisGuard, RedisUnavailableError } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import { decodeOrder, encodeOrder } from './codec.js';
import { listFields, newestFirst, type BillingIndexStore, type SweepState } from './order-store.js';

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

/** Orders dropped per round trip when they age past the horizon. */
const DROP_BATCH = 1000;

/** The guard's store label (metrics, the outage log). */
const STORE = 'billing-index';

const rethrow = (err: RedisUnavailableError): never => {
  throw err;
};

export function createRedisIndexStore(
  redis: Redis,
  guard: RedisGuard,
  account: string,
): BillingIndexStore {
  const keys = indexKeys(account);
  const run = <T>(op: string, command: () => Promise<T>) => guard.run(STORE, op, command, rethrow);
  return {
    async get(ids) {
      if (ids.length === 0) return [];
      const raw = await guard.run(
        STORE,
        'get',
        () => redis.hmget(keys.orders, ...ids),
        () => ids.map(() => null),
      );
      return raw.map((json) => (json === null ? undefined : decodeOrder(json)));
    },
    async put(list) {
      if (list.length === 0) return;
      await run('put', async () => {
        const multi = redis.multi();
        for (const order of list) {
          multi.hset(keys.orders, order.orderId, encodeOrder(listFields(order)));
          multi.zadd(keys.created, order.createTime?.getTime() ?? 0, order.orderId);
        }
        await multi.exec();
      });
    },
    async range(from, to) {
      const ids = await run('range', () => redis.zrangebyscore(keys.created, from, to));
      if (ids.length === 0) return [];
      // A window's orders must all be there: a failure here is no miss but no answer.
      const raw = await run('range', () => redis.hmget(keys.orders, ...ids));
      const orders = raw.filter((json) => json !== null).map((json) => decodeOrder(json));
      return orders.sort(newestFirst);
    },
    async state() {
      const raw = await run('state', () => redis.get(keys.state));
      return raw === null ? null : (JSON.parse(raw) as SweepState);
    },
    async setState(state) {
      await run('state', () => redis.set(keys.state, JSON.stringify(state)));
    },
    async dropBefore(cutoff) {
      let dropped = 0;
      // In batches: a year of orders is not one command's reply.
      for (;;) {
        const ids = await run('drop', () =>
          redis.zrangebyscore(keys.created, '-inf', `(${cutoff}`, 'LIMIT', 0, DROP_BATCH),
        );
        if (ids.length === 0) return dropped;
        await run('drop', () =>
          redis
            .multi()
            .hdel(keys.orders, ...ids)
            .zrem(keys.created, ...ids)
            .exec(),
        );
        dropped += ids.length;
      }
    },
    size: () => run('size', () => redis.hlen(keys.orders)),
  };
}
