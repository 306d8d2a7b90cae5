/**
 * Budgets across replicas on a real Redis: one bucket per caller for the fleet; with Redis
 * stopped each replica keeps its own bucket (the metrics say so), and no caller is unlimited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { ACCESS_KEY, APP } from '../harness.js';
import { sample, startRedis, startReplica, type RedisServer, type Replica } from './ops-support.js';

const alice = { token: DEMO_EXAMPLE.token };
// Ten aliases of one order page: estimated 10 calls, one made (the loader shares the page).
const aliases = Array.from(
  { length: 10 },
  (_, i) => `a${i}: cloudStorageOrders(first: 10) { edges { node { orderId } } }`,
).join(' ');
const TEN = `query($id: String!) { device(iotId: $id) { ${aliases} } }`;

let redis: RedisServer;
let emulator: Emulator;
let a: Replica;
let b: Replica;

// 20 points, one back per second: each request is charged 10 and settled to its 1 call.
const env = (redisUrl: string) => ({
  REDIS_URL: redisUrl,
  REDIS_TIMEOUT_MS: '200',
  GATEWAY_BUDGET_USER_POINTS: '20',
  GATEWAY_BUDGET_USER_RESTORE: '1',
});

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ apps: [APP], accessKeys: [ACCESS_KEY] });
  a = await startReplica(emulator.url, env(redis.url));
  b = await startReplica(emulator.url, env(redis.url));
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await emulator?.close();
  await redis?.stop();
});

const send = (r: Replica) => r.gql(TEN, { id: DEMO_EXAMPLE.iotId }, alice);

/** Requests until one is refused (at most `limit`): how many were served. */
async function drain(r: Replica, limit = 30): Promise<number> {
  for (let served = 0; served < limit; served++) {
    const res = await send(r);
    if (res.status === 429) {
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      return served;
    }
    expect(res.body.errors).toBeUndefined();
  }
  throw new Error(`still served after ${limit} requests`);
}

describe('budgets on Redis', () => {
  it('share one bucket per caller between replicas', async () => {
    expect(sample(await a.metrics(), 'subgate_budget_shared')).toBe(1);
    // About 11 on A (20 points, net 1 each, refused below 10); then B finds the same bucket spent.
    const served = await drain(a);
    expect(served).toBeGreaterThanOrEqual(10);
    expect(served).toBeLessThanOrEqual(12);
    const onB = await send(b);
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another caller is not held back by alice's budget.
    expect(
      (await b.gql(TEN, { id: DEMO_EXAMPLE.iotId }, { token: 'demo-token-carol' })).status,
    ).toBe(200);
  });

  it('fall back to per-replica buckets while Redis is down: limited, never open', async () => {
    await redis.stop();
    try {
      // Each replica's own bucket starts full: served again, but only about as far as one bucket.
      const served = await drain(b);
      expect(served).toBeGreaterThanOrEqual(10);
      expect(served).toBeLessThanOrEqual(12);
      const metrics = await b.metrics();
      expect(sample(metrics, 'subgate_budget_shared')).toBe(0);
      expect(sample(metrics, 'subgate_redis_failures_total', { store: 'budget' })).toBeGreaterThan(
        0,
      );
    } finally {
      await redis.start();
    }
  });
});
