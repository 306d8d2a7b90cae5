/**
 * The billing index shared by two replicas on one real Redis: one sweeps (the lease holder), both
 * answer from the index, a replica killed mid-life loses the lease to the other, and when Redis
 * goes away readers fall back to BSS instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BillingIndexStore } from '../../src/billing-index/order-store.js';
import { createRedisIndexStore } from '../../src/billing-index/redis-order-store.js';
import { createSqliteIndexStore } from '../../src/billing-index/sqlite-order-store.js';
import { startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { forkServer, type ServerChild } from '../bench/server-child.js';
import { ACCESS_KEY, ADMIN_KEY, APP, emulatorControl, vendorEnv } from '../harness.js';
import { createLogger } from '../../src/ops/logger.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { createRedis } from '../../src/ops/redis.js';
import { billingOrder } from '../unit/domain-samples.js';
import {
  counted,
  sample,
  startRedis,
  startReplica,
  type RedisServer,
  type Replica,
} from './ops-support.js';

const NODE = /* GraphQL */ `
  query ($id: ID!) {
    node(id: $id) {
      ... on BillingOrder {
        orderId
        paymentStatus
      }
    }
  }
`;
const nodeId = (orderId: string) => Buffer.from(`BillingOrder:${orderId}`).toString('base64');
const SWEEPS = 'subgate_billing_index_sweep_calls_total';
/** The default horizon, 396 days (a minute of margin for the clock moving on). */
const inHorizon = () =>
  dataset.billingOrders.filter(
    (o) => Date.parse(o.CreateTime) >= Date.now() - 396 * 86_400_000 + 60_000,
  );

let redis: RedisServer;
let emulator: Emulator;
let control: ReturnType<typeof emulatorControl>;
let dataset: Dataset;
let first: ServerChild;
let second: Replica;

const metricsOf = (graphqlUrl: string) =>
  fetch(new URL('/metrics', graphqlUrl)).then((r) => r.text());

beforeAll(async () => {
  redis = await startRedis();
  dataset = generateDataset({ seed: 5, now: startOfUtcDay(Date.now()), devices: 8 });
  // BSS's limit, 10 calls/s per API, is the emulator's default.
  emulator = await createEmulator({ apps: [APP], accessKeys: [ACCESS_KEY], dataset });
  control = emulatorControl(emulator.url);
  expect(await control('GET', 'limits')).toEqual({ bssQps: 10 });
  const env = {
    REDIS_URL: redis.url,
    BILLING_INDEX: 'true',
    BILLING_INDEX_RECENT_PERIOD_MS: '1000',
    // A dead sweeper is replaced within 4 s instead of the default 15 s (the lease must outlast a call).
    BILLING_INDEX_LEASE_MS: '4000',
    BSS_TIMEOUT_MS: '2000',
    VENDOR_CACHE_TTL_MS: '0',
  };
  // The first replica in its own process, so it can die without cleaning up.
  first = await forkServer({
    mode: 'batched',
    env: {
      ...env,
      ...vendorEnv(emulator.url),
      PORT: '0',
    },
  });
  await vi.waitFor(
    async () => expect(sample(await metricsOf(first.url), SWEEPS)).toBeGreaterThan(0),
    {
      timeout: 10_000,
      interval: 100,
    },
  );
  second = await startReplica(emulator.url, env);
}, 60_000);
afterAll(async () => {
  await first?.kill();
  await second?.close();
  await emulator?.close();
  await redis?.stop();
});

describe('the index stores', () => {
  it('drop the orders created before a cutoff, and only those (SQLite and Redis)', async () => {
    const conn = createRedis(redis.url);
    const stores: [string, BillingIndexStore][] = [
      ['sqlite', createSqliteIndexStore({ path: ':memory:' })],
      [
        'redis',
        createRedisIndexStore(
          conn,
          guardRedis(conn, { logger: createLogger('silent') }),
          'drop-test',
        ),
      ],
    ];
    const DAY = 86_400_000;
    const start = Date.parse('2026-01-01T00:00:00Z');
    // 2 500 orders a day apart in groups: more than one batch of Redis deletions.
    const orders = Array.from({ length: 2_500 }, (_, i) => ({
      ...billingOrder,
      orderId: `drop-${i}`,
      createTime: new Date(start + Math.floor(i / 100) * DAY),
    }));
    const cutoff = start + 20 * DAY; // orders 0..1999 are older
    try {
      for (const [name, store] of stores) {
        await store.put(orders);
        expect(await store.dropBefore(cutoff), name).toBe(2_000);
        expect(await store.size(), name).toBe(500);
        const kept = await store.page({ from: 0, to: start + 1000 * DAY }, {}, 0, 1000);
        expect(kept.items.map((o) => o.orderId).sort(), name).toEqual(
          orders
            .slice(2_000)
            .map((o) => o.orderId)
            .sort(),
        );
        expect(await store.get(['drop-0', 'drop-2000']), name).toEqual([
          undefined,
          expect.anything(),
        ]);
        expect(await store.dropBefore(cutoff), name).toBe(0);
      }
    } finally {
      conn.disconnect();
    }
  });
});

describe('billing index on Redis, two replicas', () => {
  it('one sweeps, both answer from the shared index', async () => {
    // The whole horizon swept (by the first replica), seen from the second through Redis.
    await vi.waitFor(
      async () =>
        expect(
          sample(await second.metrics(), 'subgate_billing_index_orders'),
        ).toBeGreaterThanOrEqual(inHorizon().length),
      { timeout: 20_000, interval: 200 },
    );
    // Several recent-window periods later the second still has not swept.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(counted(await second.metrics(), SWEEPS, {})).toBe(0);

    await control('DELETE', 'calls');
    const recent = [...dataset.billingOrders]
      .sort((a, b) => (a.CreateTime < b.CreateTime ? 1 : -1))
      .slice(0, 6);
    for (const [i, order] of recent.entries()) {
      const res =
        i % 2
          ? await second.gql(NODE, { id: nodeId(order.OrderId) })
          : await fetch(first.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
              body: JSON.stringify({ query: NODE, variables: { id: nodeId(order.OrderId) } }),
            }).then(async (r) => ({ body: await r.json() }));
      expect(res.body.data.node.orderId).toBe(order.OrderId);
    }
    expect((await control('GET', 'calls')).byApi.GetOrderDetail).toBeUndefined();
  }, 40_000);

  it('moves the lease to the survivor when the sweeping replica dies', async () => {
    await first.kill();
    // The dead replica's lease expires (BILLING_INDEX_LEASE_MS) and the second takes over the sweeps.
    await vi.waitFor(
      async () => expect(sample(await second.metrics(), SWEEPS)).toBeGreaterThan(0),
      {
        timeout: 15_000,
        interval: 250,
      },
    );
    const lag = sample(await second.metrics(), 'subgate_billing_index_sweep_lag_seconds');
    expect(lag).toBeLessThan(5);
  }, 40_000);

  it('reads from BSS when Redis is gone, without an error', async () => {
    const order = dataset.billingOrders[0]!;
    await redis.stop();
    await control('DELETE', 'calls');
    const res = await second.gql(NODE, { id: nodeId(order.OrderId) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node.orderId).toBe(order.OrderId);
    expect((await control('GET', 'calls')).byApi.GetOrderDetail).toBe(1);
  }, 30_000);
});
