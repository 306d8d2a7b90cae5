/**
 * Whose signal a shared read or a wait follows: a read shared by several requests does not die
 * with the client that started it; a duplicate's wait for the first attempt ends with its own
 * client (Redis store here, the in-process one in test/unit/idempotency-wait.test.ts); and a
 * failed background refresh of a stale entry is counted and logged at debug.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { createRedisIdempotencyStore } from '../../src/idempotency/redis-idempotency-store.js';
import { createLogger } from '../../src/ops/logger.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { closeRedis, createRedis } from '../../src/ops/redis.js';
import { authHeaders, startHarness, type Harness } from '../harness.js';
import { startHoldingProxy } from '../holding-proxy.js';
import {
  counted,
  startRedis,
  startReplica,
  watchRequests,
  type RedisServer,
  type Replica,
} from './ops-support.js';

const PLANS = '/vision/customer/streaming/commodity/query';
const STREAMING_QUERY = '/vision/customer/streaming/order/query';
const alice = { token: 'demo-token-alice' };
const PURCHASE = `mutation($input: PurchaseStreamingPlanInput!) {
  purchaseStreamingPlan(input: $input) { __typename ... on ValidationError { field rule } }
}`;

let h: Harness;
let r: Replica;
const logs: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  r = await startReplica(
    h.emulatorUrl,
    { VENDOR_CACHE_TTL_MS: '300', LOG_LEVEL: 'debug', ILOP_TIMEOUT_MS: '500' },
    logs,
  );
});
afterAll(async () => {
  await r?.close();
  await h?.close();
});

describe('shared reads and waits follow the right signal', () => {
  it('a client leaving does not fail the others waiting on the streaming plans it started', async () => {
    // The plans' answer held between the gateway and the vendor until both requests are in.
    const proxy = await startHoldingProxy(() => h.emulatorUrl);
    const via = await startReplica(proxy.url);
    try {
      // copies 0 is refused after the plans are read: no order is made.
      const input = {
        iotId: DEMO_DEVICES.aliceExample,
        commodityCode: 'streamingResource_5_2',
        copies: 0,
      };
      const send = (signal?: AbortSignal) =>
        fetch(via.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authHeaders(alice) },
          body: JSON.stringify({ query: PURCHASE, variables: { input } }),
          signal,
        });
      const requests = watchRequests(via.server);
      await h.resetCalls();
      const hold = proxy.hold(PLANS);
      const leaving = new AbortController();
      const first = send(leaving.signal).catch((err: unknown) => err);
      await hold.arrived; // the first one's plans call is out
      const second = send();
      await requests.arrived(2);
      leaving.abort();
      expect(await first).toMatchObject({ name: 'AbortError' });
      await requests.gone(1); // the gateway saw it leave while the plans were still out
      hold.release();
      const body = await (await second).json();
      expect(body.errors).toBeUndefined();
      expect(body.data.purchaseStreamingPlan).toMatchObject({
        __typename: 'ValidationError',
        field: 'input.copies',
      });
      // One call, started for the client that left and answered to the one that stayed.
      expect((await h.calls()).byApi[PLANS]).toBe(1);
    } finally {
      await via.close();
      await proxy.close();
    }
  });

  it('a failed background refresh is counted and logged at debug; the stale entry is served', async () => {
    const query = `query($id: String!) { device(iotId: $id) { streamingOrders(first: 5) { totalCount } } }`;
    const vars = { id: DEMO_DEVICES.aliceExample };
    const fresh = await r.gql(query, vars, alice);
    expect(fresh.body.errors).toBeUndefined();
    await sleep(350); // past the TTL: stale, still within its grace
    await h.setFaults([{ api: STREAMING_QUERY, failureRate: 1, failWith: { httpStatus: 503 } }]);
    try {
      const stale = await r.gql(query, vars, alice);
      expect(stale.body.errors).toBeUndefined();
      expect(stale.body.data).toEqual(fresh.body.data);
      const failures = () =>
        r
          .metrics()
          .then((m) => counted(m, 'subgate_cache_refresh_failures_total', { cache: 'vendor' }));
      for (let i = 0; (await failures()) === 0; i++) {
        expect(i).toBeLessThan(50);
        await sleep(50);
      }
      expect(await failures()).toBe(1);
      const line = logs.find((l) => l.includes('background refresh of a stale cache entry failed'));
      expect(JSON.parse(line!).level).toBe(20); // debug
    } finally {
      await h.setFaults([]);
    }
  });

  describe('on Redis', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it("a duplicate's wait for the first attempt ends when its client leaves", async () => {
      const conn = createRedis(redis.url);
      try {
        const store = createRedisIdempotencyStore(
          conn,
          guardRedis(conn, { logger: createLogger('silent') }),
        );
        expect(await store.claim('k', 'fp', 60_000, 60_000)).toMatchObject({ claimed: true });
        const gone = new AbortController();
        setTimeout(() => gone.abort(), 50);
        // A wait longer than the test may run: only the client leaving can end it in time.
        expect(await store.waitSettled('k', 60_000, gone.signal)).toMatchObject({
          state: 'pending',
        });
      } finally {
        await closeRedis(conn);
      }
    });
  });
});
