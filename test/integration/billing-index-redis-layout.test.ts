/**
 * The Redis index's layout on a real redis-server (docs/billing-index.md "In Redis"): windows,
 * filters and offsets over a generated account answered as an oracle (the orders sorted and
 * filtered in memory) and the SQLite store answer them; an order whose status changes moves
 * between combos; buckets stay listpack-encoded; an index in layout 1 is moved over with its
 * sweep state, without a refill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRow } from '../../src/billing-index/codec.js';
import type { BillingIndexStore, SweepState } from '../../src/billing-index/order-store.js';
import { packId, unpackId } from '../../src/billing-index/packed-row.js';
import {
  createRedisIndexStore,
  indexKeys,
  layout1Keys,
  listpackWarnings,
} from '../../src/billing-index/redis-order-store.js';
import { createSqliteIndexStore } from '../../src/billing-index/sqlite-order-store.js';
import { matchesFilter } from '../../src/billing-index/windows.js';
import type { BillingOrder, BillingOrderFilter } from '../../src/domain/billing-order.js';
import { generatedOrders } from '../../src/emulator/generated-orders.js';
import { createLogger } from '../../src/ops/logger.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { createRedis, type Redis } from '../../src/ops/redis.js';
import { mapBssOrder, wireBssOrder } from '../../src/upstream/bss/orders.js';
import { billingOrder } from '../unit/domain-samples.js';
import { formatUtc, startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator } from '../../src/emulator/server.js';
import { accountKey } from '../../src/ops/services.js';
import { ACCESS_KEY, APP, emulatorControl } from '../harness.js';
import { sample, startRedis, startReplica, type RedisServer } from './ops-support.js';

const DAY = 86_400_000;
const NEWEST = Date.parse('2026-06-01T00:00:00Z');
const COUNT = 12_000;

let server: RedisServer;
let conn: Redis;
const storeFor = (account: string) =>
  createRedisIndexStore(conn, guardRedis(conn, { logger: createLogger('silent') }), account);

/** A generated account (every ~43 min over a year), some orders sharing a second, a few Unpaid. */
const account = generatedOrders({
  count: COUNT,
  seed: 7,
  newest: formatUtc(NEWEST),
  everySeconds: 2_600,
});
const orders: BillingOrder[] = Array.from({ length: COUNT }, (_, i) => {
  const order = mapBssOrder(wireBssOrder.parse(account.order(i)));
  if (i % 50 === 1) return { ...order, paymentStatus: 'UNPAID', paymentTime: null };
  // Pairs in one second: ties go by id, descending.
  if (i % 10 === 3) return { ...order, createTime: orders0(i - 1) };
  return order;
});
function orders0(i: number) {
  return mapBssOrder(wireBssOrder.parse(account.order(i))).createTime;
}

/** What a store must answer: the window's orders passing the filter, newest first, ties by id. */
function oracle(from: number, to: number, filter: BillingOrderFilter) {
  return orders
    .filter((o) => {
      const t = o.createTime!.getTime();
      return t >= from && t <= to && matchesFilter(o, filter);
    })
    .sort(
      (a, b) =>
        b.createTime!.getTime() - a.createTime!.getTime() ||
        (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0),
    );
}

beforeAll(async () => {
  server = await startRedis();
  conn = createRedis(server.url);
}, 30_000);
afterAll(async () => {
  conn?.disconnect();
  await server?.stop();
});

describe('the Redis index layout', () => {
  it('answers windows, filters and offsets as the oracle and the SQLite store do', async () => {
    const redis = storeFor('windows');
    const sqlite = createSqliteIndexStore({ path: ':memory:' });
    for (let i = 0; i < COUNT; i += 500) {
      await redis.put(orders.slice(i, i + 500));
      await sqlite.put(orders.slice(i, i + 500));
    }
    expect(await redis.size()).toBe(COUNT);
    const windows = [
      [NEWEST - 30 * DAY, NEWEST],
      [NEWEST - 200 * DAY, NEWEST - 170 * DAY],
      [NEWEST - 400 * DAY, NEWEST],
      [NEWEST + DAY, NEWEST + 2 * DAY],
    ] as const;
    const filters: BillingOrderFilter[] = [
      {},
      { paymentStatus: 'PAID' },
      { paymentStatus: 'UNPAID' },
      { productCode: 'ecs' },
      { orderType: 'REFUND', productCode: 'linkvisual' },
      { productType: 'linkvisual_ai', subscriptionType: 'SUBSCRIPTION' },
      { productCode: 'none-such' },
    ];
    let compared = 0;
    for (const [from, to] of windows) {
      for (const filter of filters) {
        const expected = oracle(from, to, filter);
        for (const [offset, limit] of [
          [0, 20],
          [20, 20],
          [137, 7],
        ] as const) {
          const want = {
            offset,
            pageSize: limit,
            total: expected.length,
            items: expected.slice(offset, offset + limit),
          };
          const label = JSON.stringify({ from, to, filter, offset });
          expect(await redis.page({ from, to }, filter, offset, limit), label).toEqual(want);
          expect(await sqlite.page({ from, to }, filter, offset, limit), label).toEqual(want);
          compared += want.items.length;
        }
      }
      const held = oracle(from, to, {});
      expect(await redis.summary({ from, to })).toEqual({
        orders: held.length,
        unpaid: held.filter((o) => o.paymentStatus === 'UNPAID').length,
      });
    }
    expect(compared).toBeGreaterThan(500);
    const some = [orders[5]!, orders[1]!, orders[COUNT - 1]!];
    expect(await redis.get([...some.map((o) => o.orderId), 'unknown'])).toEqual([
      ...some,
      undefined,
    ]);
    await sqlite.close();
  }, 60_000);

  it('moves an order to its new status: counts, filters and size follow', async () => {
    const store = storeFor('status');
    const t = Date.parse('2026-03-01T00:00:00Z');
    const unpaid = {
      ...billingOrder,
      subOrders: [],
      orderId: '211234567890123',
      paymentStatus: 'UNPAID' as const,
      paymentTime: null,
      createTime: new Date(t),
    };
    const window = { from: t - DAY, to: t + DAY };
    await store.put([unpaid]);
    expect(await store.summary(window)).toEqual({ orders: 1, unpaid: 1 });
    const paid = { ...unpaid, paymentStatus: 'PAID' as const, paymentTime: new Date(t + 60_000) };
    await store.put([paid]);
    expect(await store.summary(window)).toEqual({ orders: 1, unpaid: 0 });
    expect((await store.page(window, { paymentStatus: 'UNPAID' }, 0, 20)).total).toBe(0);
    expect((await store.page(window, { paymentStatus: 'PAID' }, 0, 20)).items).toEqual([paid]);
    expect(await store.size()).toBe(1);
  });

  it('a row naming a code the dictionary lacks fails that read, not Redis for every store', async () => {
    await storeFor('damaged').put([orders[0]!]);
    const keys = indexKeys('damaged');
    const fields = await conn.hkeys(keys.dict);
    await conn.hdel(keys.dict, ...fields.filter((f) => f.startsWith('c:')));
    // A fresh process's store: its dictionary cache is empty.
    const guard = guardRedis(conn, { logger: createLogger('silent') });
    const store = createRedisIndexStore(conn, guard, 'damaged');
    await expect(store.get([orders[0]!.orderId])).rejects.toThrow(/dictionary: no code/);
    expect(guard.up).toBe(true);
    expect(await store.size()).toBe(1);
  });

  it('keeps every row within a listpack value, and buckets listpack-encoded', async () => {
    const store = storeFor('encoding');
    await store.put(orders.slice(0, 2_000));
    const keys = indexKeys('encoding');
    // A row is codec.ts's row packed: far under Redis's 64-byte listpack value.
    const buckets = (await conn.keys(`subgate:${keys.base}o:*`)).map((k) =>
      k.slice('subgate:'.length),
    );
    expect(buckets.length).toBeGreaterThan(1_000);
    let biggest = 0;
    for (const key of buckets.slice(0, 300)) {
      // OBJECT's key is not prefixed by the client.
      expect(await conn.object('ENCODING', `subgate:${key}`), key).toBe('listpack');
      for (const value of Object.values(await conn.hgetallBuffer(key)))
        biggest = Math.max(biggest, value.length);
    }
    expect(biggest).toBeGreaterThan(20);
    expect(biggest).toBeLessThanOrEqual(64);
    for (const id of ['211234567890123', '7', 'bss-1', '']) expect(unpackId(packId(id))).toBe(id);
    // Packed ids keep the ids' order (ties of one CreateTime follow it).
    const ids = ['9', '10', '1', '123', '1234', '12', '211234567890123', '211234567890124'];
    expect([...ids].sort((a, b) => Buffer.compare(packId(a), packId(b)))).toEqual([...ids].sort());
    // The server here runs Redis's defaults: nothing to warn about; lowered, a warning names it.
    expect(await listpackWarnings(conn)).toEqual([]);
    await conn.config('SET', 'hash-max-listpack-value', '32');
    try {
      expect(await listpackWarnings(conn)).toEqual([
        expect.stringContaining('hash-max-listpack-value is 32, under 64'),
      ]);
    } finally {
      await conn.config('SET', 'hash-max-listpack-value', '64');
    }
  });

  it('moves an index kept in layout 1 over once, with its sweep state (no refill)', async () => {
    const name = 'layout1';
    const [ordersKey, createdKey, unpaidKey, stateKey] = layout1Keys(name);
    const old = orders.slice(0, 1_500);
    const multi = conn.multi();
    for (const o of old) {
      // Layout 1's row: codec.ts's row without its id, as JSON.
      multi.hset(ordersKey, o.orderId, JSON.stringify(toRow(o).slice(1)));
      multi.zadd(createdKey, o.createTime!.getTime(), o.orderId);
      if (o.paymentStatus === 'UNPAID') multi.zadd(unpaidKey, o.createTime!.getTime(), o.orderId);
    }
    const state: SweepState = {
      from: NEWEST - 396 * DAY,
      to: NEWEST,
      backCursor: NEWEST - 397 * DAY,
      backSpanMs: DAY,
      fullSweepAt: NEWEST,
      unpaidFrom: null,
    };
    multi.set(stateKey, JSON.stringify(state));
    await multi.exec();

    const store: BillingIndexStore = storeFor(name);
    expect(await store.state()).toBeNull();
    expect(await store.upgrade!()).toBe(1_500);
    expect(await store.state()).toEqual(state);
    expect(await store.size()).toBe(1_500);
    const window = { from: NEWEST - 30 * DAY, to: NEWEST };
    expect(await store.page(window, { productCode: 'ecs' }, 0, 20)).toEqual({
      offset: 0,
      pageSize: 20,
      total: oracle(window.from, window.to, { productCode: 'ecs' }).filter((o) => old.includes(o))
        .length,
      items: oracle(window.from, window.to, { productCode: 'ecs' })
        .filter((o) => old.includes(o))
        .slice(0, 20),
    });
    expect(await conn.exists(ordersKey, createdKey, unpaidKey, stateKey)).toBe(0);
    // Once moved, a second start has nothing to move; layout-1 keys an old replica wrote again
    // meanwhile are unlinked, the index left as it is.
    await conn.set(stateKey, JSON.stringify(state));
    await conn.hset(ordersKey, 'stale', '[]');
    expect(await store.upgrade!()).toBe(0);
    expect(await conn.exists(ordersKey, stateKey)).toBe(0);
    expect(await store.size()).toBe(1_500);
  });

  it('a gateway started over a layout-1 index moves it before its first sweep: no refill', async () => {
    const now = Date.now();
    const dataset = generateDataset({ seed: 9, now: startOfUtcDay(now), devices: 4 });
    const emulator = await createEmulator({ apps: [APP], accessKeys: [ACCESS_KEY], dataset });
    const control = emulatorControl(emulator.url);
    const account = accountKey('bss', ACCESS_KEY.accessKeyId);
    const [ordersKey, createdKey, , stateKey] = layout1Keys(account);
    // The index a gateway of layout 1 kept: every order of the dataset, the horizon swept.
    const held = dataset.billingOrders.map((o) => mapBssOrder(wireBssOrder.parse(o)));
    const multi = conn.multi();
    for (const o of held) {
      multi.hset(ordersKey, o.orderId, JSON.stringify(toRow(o).slice(1)));
      multi.zadd(createdKey, o.createTime!.getTime(), o.orderId);
    }
    const horizonStart = Math.floor((now - 396 * DAY) / 1000) * 1000;
    multi.set(
      stateKey,
      JSON.stringify({
        from: horizonStart,
        to: Math.floor(now / 1000) * 1000,
        backCursor: horizonStart - 1000,
        backSpanMs: 396 * DAY,
        fullSweepAt: now,
        unpaidFrom: null,
      } satisfies SweepState),
    );
    await multi.exec();
    const replica = await startReplica(emulator.url, {
      REDIS_URL: server.url,
      BILLING_INDEX: 'true',
    });
    try {
      await expect
        .poll(async () => sample(await replica.metrics(), 'subgate_billing_index_orders'), {
          timeout: 20_000,
        })
        .toBe(held.length);
      expect(await conn.exists(ordersKey, createdKey, stateKey)).toBe(0);
      // What the sweeps read after the move: the recent window, nothing older.
      await expect
        .poll(async () => (await control('GET', 'calls')).byApi.QueryOrders ?? 0, {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      const calls = (await control('GET', 'calls')).byApi.QueryOrders;
      const oldest = held.reduce((a, b) => (a.createTime! < b.createTime! ? a : b));
      const res = await replica.gql(
        /* GraphQL */ `
          query ($filter: BillingOrderFilter) {
            billingOrders(filter: $filter, first: 5) {
              totalCount
              edges {
                node {
                  orderId
                }
              }
            }
          }
        `,
        {
          filter: {
            createdAfter: new Date(oldest.createTime!.getTime() - 1000).toISOString(),
            createdBefore: new Date(oldest.createTime!.getTime() + 1000).toISOString(),
          },
        },
      );
      expect(res.body.data.billingOrders.edges[0].node.orderId).toBe(oldest.orderId);
      // Answered from the moved index: no QueryOrders of the request's own.
      expect((await control('GET', 'calls')).byApi.QueryOrders).toBeLessThanOrEqual(calls + 1);
      expect(calls).toBeLessThanOrEqual(3);
    } finally {
      await replica.close();
      await emulator.close();
    }
  }, 60_000);
});
