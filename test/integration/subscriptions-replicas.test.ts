/**
 * Live updates across two replicas on a real Redis (docs/subscriptions.md): a write on one reaches
 * a subscriber on the other; the shared poller reads an order once per interval for subscribers on
 * both; while Redis is down streams stay open and the replica's own events arrive; after it
 * returns, delivery across replicas resumes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';
import { sseSubscribe, wsSubscribe, type Stream } from './live-clients.js';
import {
  counted,
  sample,
  startRedis,
  startReplica,
  type RedisServer,
  type Replica,
} from './ops-support.js';

const alice = { token: 'demo-token-alice' };
const device = DEMO_DEVICES.aliceExample;
const STREAMING_GET = '/vision/customer/streaming/order/get';
const ORDER_UPDATED = /* GraphQL */ `
  subscription ($iotId: String!) {
    orderUpdated(iotId: $iotId) {
      orderId
      paymentStatus
    }
  }
`;
const PURCHASE = /* GraphQL */ `
  mutation ($input: PurchaseStreamingPlanInput!) {
    purchaseStreamingPlan(input: $input) {
      ... on PurchaseStreamingPlanPayload {
        order {
          orderId
        }
      }
    }
  }
`;

let h: Harness;
let redis: RedisServer;
let a: Replica;
let b: Replica;

beforeAll(async () => {
  h = await startHarness();
  redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    REDIS_TIMEOUT_MS: '200',
    SUBSCRIPTIONS_POLL_INTERVAL_MS: '250',
  };
  [a, b] = await Promise.all([startReplica(h.emulatorUrl, env), startReplica(h.emulatorUrl, env)]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
  await h?.close();
});

const buyOn = async (r: Replica) =>
  (
    await r.gql(
      PURCHASE,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    )
  ).body.data.purchaseStreamingPlan.order.orderId as string;

const opened = async (r: Replica, n: number) =>
  expect.poll(async () => sample(await r.metrics(), 'subgate_subscriptions_open')).toBe(n);

/** The next update of `orderId` on `stream`, skipping others (the poller's of older orders). */
async function updateOf(stream: Stream, orderId: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await stream.next(Math.max(1, deadline - Date.now()));
    if (r.data?.orderUpdated?.orderId === orderId) return r.data.orderUpdated;
  }
}

describe('two replicas on Redis', () => {
  it("deliver each other's writes, over SSE and graphql-ws", async () => {
    const onA = sseSubscribe(a.url, ORDER_UPDATED, { iotId: device }, alice);
    const onB = wsSubscribe(b.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await Promise.all([opened(a, 1), opened(b, 1)]);
      const fromB = await buyOn(b);
      expect(await updateOf(onA, fromB)).toEqual({ orderId: fromB, paymentStatus: 'UNPAID' });
      const fromA = await buyOn(a);
      expect(await updateOf(onB, fromA)).toEqual({ orderId: fromA, paymentStatus: 'UNPAID' });
    } finally {
      onA.close();
      onB.close();
      await Promise.all([opened(a, 0), opened(b, 0)]);
    }
  });

  it('share one poller read per order per interval', async () => {
    await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
    const orderId = await buyOn(a);
    const streams = [
      ...Array.from({ length: 5 }, () => sseSubscribe(a.url, ORDER_UPDATED, { iotId: device })),
      ...Array.from({ length: 5 }, () => sseSubscribe(b.url, ORDER_UPDATED, { iotId: device })),
    ];
    try {
      await Promise.all([opened(a, 5), opened(b, 5)]);
      await h.resetCalls();
      const since = Date.now();
      const reads = async () => (await h.calls()).byApi[STREAMING_GET] ?? 0;
      // Wait for a few reads rather than a fixed time (a loaded machine polls late): at one read
      // per 250 ms interval for both replicas together, they cannot outnumber the intervals that
      // passed; two uncoordinated pollers make more.
      await vi.waitFor(async () => expect(await reads()).toBeGreaterThanOrEqual(10), {
        timeout: 20_000,
        interval: 50,
      });
      const made = await reads();
      expect(made).toBeLessThanOrEqual(Math.floor((Date.now() - since) / 250) + 1);
      const polled = (r: Replica) =>
        r
          .metrics()
          .then((t) =>
            counted(t, 'subgate_subscription_poller_reads_total', { api: STREAMING_GET }),
          );
      expect((await polled(a)) + (await polled(b))).toBeGreaterThanOrEqual(made);
      expect(orderId).toBeTruthy();
    } finally {
      for (const s of streams) s.close();
      await Promise.all([opened(a, 0), opened(b, 0)]);
    }
  });

  it('keep streams open while Redis is down, deliver local events, and resume across replicas after', async () => {
    const onA = sseSubscribe(a.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await opened(a, 1);
      await redis.stop();
      const local = await buyOn(a);
      expect(await updateOf(onA, local)).toMatchObject({ orderId: local });
      expect(await a.gql('{ __typename }')).toMatchObject({ status: 200 });
      await redis.start();
      // The subscriber connection reconnects and subscribes again by itself.
      let delivered = false;
      for (let i = 0; i < 20 && !delivered; i++) {
        const remote = await buyOn(b);
        delivered = await updateOf(onA, remote, 500).then(
          () => true,
          () => false,
        );
      }
      expect(delivered).toBe(true);
      expect(onA.results.every((r) => !r.errors)).toBe(true);
    } finally {
      onA.close();
    }
  });
  it('subscribe a replica started while Redis is down once Redis comes up', async () => {
    await redis.stop();
    const c = await startReplica(h.emulatorUrl, {
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '200',
    });
    const onC = sseSubscribe(c.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await opened(c, 1);
      // Past ioredis' flush of commands queued while disconnected (maxRetriesPerRequest: 1, two
      // reconnect attempts, 600 ms): a subscribe sent only at start would be gone by now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await redis.start();
      let delivered = false;
      for (let i = 0; i < 20 && !delivered; i++) {
        const remote = await buyOn(b);
        delivered = await updateOf(onC, remote, 500).then(
          () => true,
          () => false,
        );
      }
      expect(delivered).toBe(true);
    } finally {
      onC.close();
      await c.close();
    }
  });
});
