/**
 * The billing index in Redis, shared by every replica (layout: docs/billing-index.md): a hash of
 * orders by OrderId (codec.ts's compact rows), a sorted set of OrderIds by CreateTime for
 * windows, one of the Unpaid ones (the re-sweeps' count check), and the sweep state.
 * Every command runs through the Redis guard: a lookup that fails is a miss (BSS answers), any
 * other failure is rethrown for its caller to judge (a page is not answered, a sweep stops, a
 * write-through is dropped).
 */
import type { RedisGuard, RedisUnavailableError } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import type { BillingOrder } from '../domain/billing-order.js';
import { decodeOrder, encodeOrder } from './codec.js';
import type { BillingIndexStore, SweepState } from './order-store.js';
import { matchesFilter } from './windows.js';

/** The index's keys for one account (`account`: a hash, never the AccessKeyId itself). */
export function indexKeys(account: string) {
  const base = `billing-index:${account}`;
  return {
    orders: `${base}:orders`,
    created: `${base}:created`,
    unpaid: `${base}:unpaid`,
    state: `${base}:state`,
    lease: `${base}:lease`,
  };
}

/** Orders dropped, or read for a filtered window, per round trip. */
const BATCH = 1000;

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
  /** A window's orders must all be there: a failure here is no miss but no answer. */
  async function read(ids: string[]): Promise<BillingOrder[]> {
    if (ids.length === 0) return [];
    const raw = await run('range', () => redis.hmget(keys.orders, ...ids));
    return raw.flatMap((text, i) => (text === null ? [] : [decodeOrder(ids[i]!, text)]));
  }
  return {
    async get(ids) {
      if (ids.length === 0) return [];
      const raw = await guard.run(
        STORE,
        'get',
        () => redis.hmget(keys.orders, ...ids),
        () => ids.map(() => null),
      );
      return raw.map((text, i) => (text === null ? undefined : decodeOrder(ids[i]!, text)));
    },
    async put(list) {
      if (list.length === 0) return;
      await run('put', async () => {
        const multi = redis.multi();
        for (const order of list) {
          const created = order.createTime?.getTime() ?? 0;
          multi.hset(keys.orders, order.orderId, encodeOrder(order));
          multi.zadd(keys.created, created, order.orderId);
          if (order.paymentStatus === 'UNPAID') multi.zadd(keys.unpaid, created, order.orderId);
          else multi.zrem(keys.unpaid, order.orderId);
        }
        await multi.exec();
      });
    },
    async page({ from, to }, filter, offset, limit) {
      const filtered = Object.values({
        ...filter,
        createdAfter: undefined,
        createdBefore: undefined,
      }).some((v) => v !== undefined);
      if (!filtered) {
        // Newest first, ties by id descending: the sorted set's reverse order.
        const [total, ids] = await run('range', () =>
          Promise.all([
            redis.zcount(keys.created, from, to),
            redis.zrevrangebyscore(keys.created, to, from, 'LIMIT', offset, limit),
          ]),
        );
        return { offset, pageSize: limit, total, items: await read(ids) };
      }
      // Other filters: the window's orders read in batches and compared (docs/billing-index.md).
      const ids = await run('range', () => redis.zrevrangebyscore(keys.created, to, from));
      let total = 0;
      const items: BillingOrder[] = [];
      for (let i = 0; i < ids.length; i += BATCH) {
        for (const order of await read(ids.slice(i, i + BATCH))) {
          if (!matchesFilter(order, filter)) continue;
          if (total >= offset && items.length < limit) items.push(order);
          total++;
        }
      }
      return { offset, pageSize: limit, total, items };
    },
    async summary({ from, to }) {
      const [orders, unpaid] = await run('summary', () =>
        Promise.all([redis.zcount(keys.created, from, to), redis.zcount(keys.unpaid, from, to)]),
      );
      return { orders, unpaid };
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
          redis.zrangebyscore(keys.created, '-inf', `(${cutoff}`, 'LIMIT', 0, BATCH),
        );
        if (ids.length === 0) return dropped;
        await run('drop', () =>
          redis
            .multi()
            .hdel(keys.orders, ...ids)
            .zrem(keys.created, ...ids)
            .zrem(keys.unpaid, ...ids)
            .exec(),
        );
        dropped += ids.length;
      }
    },
    size: () => run('size', () => redis.hlen(keys.orders)),
    bytes: async () => null,
    // The connection is the gateway's, closed with it.
    close: async () => {},
  };
}
