/**
 * Two gateway replicas on one real Redis: together they keep BSS under its 10 calls
 * per second, share idempotency records (a purchase retried on the other replica is not bought
 * twice) and share cached vendor reads, but only with the same caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { ACCESS_KEY, APP, emulatorControl, operation as op } from '../harness.js';
import { createRedisIdempotencyStore } from '../../src/idempotency/redis-idempotency-store.js';
import { createRedisRateWindow } from '../../src/ops/redis-rate-window.js';
import { createLocalRateWindow } from '../../src/upstream/flow-control.js';
import { closeRedis, createRedis, KEY_PREFIX, type Redis } from '../../src/ops/redis.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { createLogger } from '../../src/ops/logger.js';
import {
  billingBurst,
  counted,
  sample,
  startRedis,
  startReplica,
  type RedisServer,
  type Replica,
} from './ops-support.js';

const CREATE = '/vision/customer/streaming/order/create';
const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const BUY = '/vision/customer/cloudstorage/commodity/buy';
const alice = { token: 'demo-token-alice' };
const buyInput = (idempotencyKey: string) => ({
  iotId: DEMO_DEVICES.aliceExample,
  commodityCode: 'ilopLVCloudResource',
  specification: 'eventResource_7',
  copies: 1,
  userName: 'alice',
  idempotencyKey,
});
const guard = (conn: Redis) => guardRedis(conn, { logger: createLogger('silent') });

let redis: RedisServer;
let emulator: Emulator;
let a: Replica;
let b: Replica;
let control: ReturnType<typeof emulatorControl>;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ apps: [APP], accessKeys: [ACCESS_KEY] });
  control = emulatorControl(emulator.url);
  // The vendor's own 10 per second between them: slots held over each call leave no need for headroom.
  const env = { REDIS_URL: redis.url, BSS_QPS: '10', VENDOR_CACHE_TTL_MS: '60000' };
  a = await startReplica(emulator.url, env);
  b = await startReplica(emulator.url, env);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await emulator?.close();
  await redis?.stop();
});

describe('two replicas on one Redis', () => {
  it('keep combined BSS calls within 10 per second, queueing instead of failing', async () => {
    // The emulator throttles past 10 calls in any second (this load is BSS only).
    await control('DELETE', 'calls');
    const { results, elapsed, throttled } = await billingBurst([a, b], control, 2020);
    for (const res of results) expect(res.body.errors).toBeUndefined();
    expect(throttled).toEqual([0, 0]);
    expect((await control('GET', 'calls')).byApi.QueryOrders).toBe(24);
    // 24 calls at 10 per second: the third batch waits two windows.
    expect(elapsed).toBeGreaterThan(2000);
  });

  it('the control: two replicas that do not share a window meet Throttling.User, and count it', async () => {
    // Each keeps 10 per second on its own (no Redis): 20 between them, over the vendor's limit.
    const apart = await Promise.all(
      [0, 1].map(() => startReplica(emulator.url, { BSS_QPS: '10' })),
    );
    try {
      const { throttled } = await billingBurst(apart as [Replica, Replica], control, 2019);
      // What the zeros of throttledCalls in this suite would read had the limit been crossed.
      expect(throttled[0]! + throttled[1]!).toBeGreaterThan(0);
    } finally {
      await Promise.all(apart.map((r) => r.close()));
    }
  });

  it('share one idempotency record: a purchase retried on the other replica is made once', async () => {
    await control('DELETE', 'calls');
    const input = {
      iotId: DEMO_DEVICES.aliceExample,
      commodityCode: 'streamingResource_5_2',
      copies: 1,
      idempotencyKey: `replicas-${Date.now()}`,
    };
    const first = await a.gql(op('purchase-streaming-plan'), { input });
    const again = await b.gql(op('purchase-streaming-plan'), { input });
    const order = first.body.data.purchaseStreamingPlan.order;
    expect(order.orderId).toEqual(expect.any(String));
    expect(again.body.data.purchaseStreamingPlan.order.orderId).toBe(order.orderId);
    expect((await control('GET', 'calls')).byApi[CREATE]).toBe(1);
  });

  it('20 concurrent keyed cloud-storage buys over both replicas: one vendor write, 20 equal answers', async () => {
    await control('DELETE', 'calls');
    const input = buyInput(`replicas-buy-${Date.now()}`);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).gql(op('buy-cloud-storage-plan'), { input }, alice),
      ),
    );
    const orders = results.map((r) => r.body.data.buyCloudStoragePlan.order);
    expect(orders[0].orderId).toEqual(expect.any(String));
    for (const o of orders) expect(o).toEqual(orders[0]);
    expect((await control('GET', 'calls')).byApi[BUY]).toBe(1);
  });

  it('a keyed buy recorded before whole outcomes were (its orderId only) replays by reading the order', async () => {
    const input = buyInput(`replicas-legacy-buy-${Date.now()}`);
    const first = await a.gql(op('buy-cloud-storage-plan'), { input }, alice);
    const { orderId } = first.body.data.buyCloudStoragePlan.order;
    const conn = createRedis(redis.url);
    try {
      // KEYS answers whole names; commands add the connection's prefix themselves.
      const [name] = await conn.keys(
        `${KEY_PREFIX}idem:*:buyCloudStoragePlan:${input.idempotencyKey}`,
      );
      await conn.hset(
        name!.slice(KEY_PREFIX.length),
        'result',
        JSON.stringify({ ok: { orderId } }),
      );
    } finally {
      await closeRedis(conn);
    }
    await control('DELETE', 'calls');
    const again = await b.gql(op('buy-cloud-storage-plan'), { input }, alice);
    expect(again.body.data.buyCloudStoragePlan.order.orderId).toBe(orderId);
    const calls = (await control('GET', 'calls')).byApi;
    expect(calls[BUY]).toBeUndefined();
    expect(calls['/vision/customer/cloudstorage/order/get']).toBe(1);
  });

  it('a buy that timed out on one replica, retried with its key on the other, is made once', async () => {
    // Both with a short timeout for the 10 s APIs, so the vendor's answer comes too late.
    const env = { REDIS_URL: redis.url, ILOP_LONG_TIMEOUT_MS: '300' };
    const [c, d] = await Promise.all([
      startReplica(emulator.url, env),
      startReplica(emulator.url, env),
    ]);
    try {
      const before = (await control('GET', 'state')).cloudStorageOrders.length;
      await control('DELETE', 'calls');
      await control('PUT', 'faults', [{ api: BUY, latencyMs: 60_000 }]);
      const input = buyInput(`replicas-slow-buy-${Date.now()}`);
      const first = await c.gql(op('buy-cloud-storage-plan'), { input }, alice);
      expect(first.body.data.buyCloudStoragePlan.__typename).toBe('OutcomeUnknownError');
      const again = await d.gql(op('buy-cloud-storage-plan'), { input }, alice);
      expect(again.body.data.buyCloudStoragePlan.__typename).toBe('BuyCloudStoragePlanPayload');
      expect((await control('GET', 'calls')).byApi[BUY]).toBe(1);
      expect((await control('GET', 'state')).cloudStorageOrders.length).toBe(before + 1);
    } finally {
      await control('PUT', 'faults', []);
      await Promise.all([c.close(), d.close()]);
    }
  });

  it('serve each other cached reads, only to the same caller', async () => {
    const query = `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 3) { totalCount } } }`;
    const vars = { id: DEMO_DEVICES.aliceExample };
    const carol = { token: 'demo-token-carol' };
    const onA = await a.gql(query, vars, alice);
    expect(onA.body.errors).toBeUndefined();
    await control('DELETE', 'calls');
    const onB = await b.gql(query, vars, alice);
    expect(onB.body.data).toEqual(onA.body.data);
    expect((await control('GET', 'calls')).byApi[ORDER_QUERY] ?? 0).toBe(0);
    // Carol may see the device too, but the vendor answers her; Alice's entry is not hers.
    const asCarol = await b.gql(query, vars, carol);
    expect(asCarol.body.errors).toBeUndefined();
    expect((await control('GET', 'calls')).byApi[ORDER_QUERY]).toBe(1);
    expect(
      sample(await b.metrics(), 'subgate_cache_lookups_total', { result: 'hit' }),
    ).toBeGreaterThan(0);
  });

  it("retire each other's stored results: a purchase on one replica shows on the other at once", async () => {
    const query = `query($id: String!) { device(iotId: $id) { streamingOrders(first: 50) { totalCount } } }`;
    const vars = { id: DEMO_DEVICES.aliceExample };
    const hits = async () =>
      counted(await b.metrics(), 'subgate_cache_lookups_total', {
        cache: 'response',
        result: 'hit',
      });
    for (let i = 0; i < 2; i++)
      expect((await b.gql(query, vars, alice)).body.errors).toBeUndefined();
    const before = await hits();
    const count = (await b.gql(query, vars, alice)).body.data.device.streamingOrders.totalCount;
    expect(await hits()).toBe(before + 1); // B answers from its stored result, checked in Redis
    const bought = await a.gql(
      op('purchase-streaming-plan'),
      {
        input: {
          iotId: vars.id,
          commodityCode: 'streamingResource_5_2',
          copies: 1,
          idempotencyKey: `retire-${Date.now()}`,
        },
      },
      alice,
    );
    expect(bought.body.data.purchaseStreamingPlan.order.orderId).toEqual(expect.any(String));
    const after = await b.gql(query, vars, alice);
    expect(after.body.data.device.streamingOrders.totalCount).toBe(count + 1);
    expect(await hits()).toBe(before + 1);
  });

  it('a key left pending by a replica that died is taken over once its lease passes (Redis clock)', async () => {
    const [dead, alive] = [createRedis(redis.url), createRedis(redis.url)];
    try {
      const key = `lease-${Date.now()}`;
      const mine = createRedisIdempotencyStore(dead, guard(dead));
      const theirs = createRedisIdempotencyStore(alive, guard(alive));
      expect(await mine.claim(key, 'fp', 60_000, 300)).toEqual({ claimed: true, previous: null });
      await mine.beginWrite(key, '{"before":["o1"]}', 300); // then this replica dies
      expect(await theirs.claim(key, 'fp', 60_000, 300)).toMatchObject({ claimed: false });
      await new Promise((r) => setTimeout(r, 400));
      expect(await theirs.claim(key, 'other', 60_000, 300)).toMatchObject({ claimed: false });
      expect(await theirs.claim(key, 'fp', 60_000, 300)).toEqual({
        claimed: true,
        previous: { fingerprint: 'fp', state: 'pending', context: '{"before":["o1"]}' },
      });
      expect(await mine.claim(key, 'fp', 60_000, 300)).toMatchObject({ claimed: false });
    } finally {
      await closeRedis(dead);
      await closeRedis(alive);
    }
  });

  it('a rate-window slot whose replica died mid-call frees itself after the hold', async () => {
    const conn = createRedis(redis.url);
    try {
      const window = createRedisRateWindow({
        redis: conn,
        guard: guard(conn),
        key: `hold-${Date.now()}`,
        limit: 1,
        windowMs: 100,
        holdMs: 300,
        fallback: createLocalRateWindow(1),
      });
      expect(typeof (await window.tryTake())).toBe('function'); // never released: the replica died
      expect(await window.tryTake()).toBeGreaterThan(0); // in flight: held
      await new Promise((r) => setTimeout(r, 300 + 100 + 50));
      expect(typeof (await window.tryTake())).toBe('function');
    } finally {
      await closeRedis(conn);
    }
  });
});
