/**
 * Live order updates over the wire (docs/subscriptions.md): the graphql-sse and graphql-ws
 * clients against a gateway on the emulator; the vendor-visible change is made through the
 * emulator's control API, as a payment settling outside subgate would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { authHeaders, startHarness, type Harness, operation as op } from '../harness.js';
import { sample, startReplica } from './ops-support.js';
import { shutdown, trackInFlight } from '../../src/server/lifecycle.js';
import { createLogger } from '../../src/ops/logger.js';
import { sseSubscribe, wsSubscribe } from './live-clients.js';

const alice = { token: 'demo-token-alice' };
const device = DEMO_DEVICES.aliceExample; // alice is admin

const ORDER_UPDATED = /* GraphQL */ `
  subscription OrderUpdated($iotId: String!) {
    orderUpdated(iotId: $iotId) {
      __typename
      orderId
      paymentStatus
      ... on StreamingOrder {
        status
      }
    }
  }
`;

const PURCHASE = /* GraphQL */ `
  mutation Purchase($input: PurchaseStreamingPlanInput!) {
    purchaseStreamingPlan(input: $input) {
      __typename
      ... on PurchaseStreamingPlanPayload {
        order {
          orderId
          paymentStatus
        }
      }
    }
  }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: {
      SUBSCRIPTIONS_POLL_INTERVAL_MS: '250',
      SUBSCRIPTIONS_AUTH_RECHECK_MS: '1000',
      SUBSCRIPTIONS_MAX_PER_CALLER: '100',
      SUBSCRIPTIONS_HEARTBEAT_MS: '1000',
    },
  });
});
afterAll(() => h?.close());
beforeEach(async () => {
  await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  await h.resetCalls();
});

/** Sets a streaming order's wire paymentStatus (0 unpaid, 1 paid, 2 paying) at the vendor. */
async function setPayment(orderId: string, paymentStatus: 0 | 1 | 2) {
  const state = await h.state();
  const order = state.streamingOrders.find((o) => o.orderId === orderId);
  expect(order, `order ${orderId} at the vendor`).toBeDefined();
  order!.paymentStatus = paymentStatus;
  await h.setState(state);
}

const buy = (idempotencyKey?: string) =>
  h.gql(
    PURCHASE,
    {
      input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1, idempotencyKey },
    },
    alice,
  );

describe('orderUpdated over SSE', () => {
  it('shows a purchase, then the vendor-side payment, as unpaid → paying → paid', async () => {
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      // Subscribed once the gateway has read the device (the start's proof of access).
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const bought = await buy('live-purchase-1');
      const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
      const unpaid = await stream.next();
      expect(unpaid.data.orderUpdated).toMatchObject({ orderId, paymentStatus: 'UNPAID' });
      // A replay publishes the same state again: the subscriber has seen it and is not told twice.
      await buy('live-purchase-1');
      await setPayment(orderId, 2);
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'PAYING',
      });
      await setPayment(orderId, 1);
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'PAID',
      });
      // Settled: the poller stops reading it.
      await new Promise((r) => setTimeout(r, 300));
      const reads = (await h.calls()).byApi['/vision/customer/streaming/order/get'] ?? 0;
      await new Promise((r) => setTimeout(r, 800));
      expect((await h.calls()).byApi['/vision/customer/streaming/order/get'] ?? 0).toBe(reads);
      expect(stream.results).toHaveLength(3);
    } finally {
      stream.close();
    }
  });
});

describe('an idle SSE stream', () => {
  it('opens with a comment and carries one every SUBSCRIPTIONS_HEARTBEAT_MS, then frees its place when the client leaves', async () => {
    const open = async () => sample(await h.metrics(), 'subgate_subscriptions_open');
    const res = await fetch(h.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...authHeaders(alice),
      },
      body: JSON.stringify({ query: ORDER_UPDATED, variables: { iotId: device } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    while (text.split(':\n\n').length - 1 < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    // The first at once, then one a second (the heartbeat) with nothing else to send.
    expect(text).toBe(':\n\n:\n\n:\n\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(await open()).toBe(1);
    await reader.cancel();
    await expect.poll(open).toBe(0);
  });
});

describe('orderUpdated after a purchase and a payment made through subgate', () => {
  it('shows unpaid (the purchase), paying (the pay write), then paid (the poller, once the vendor settles)', async () => {
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const bought = await buy('live-journey-1');
      const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'UNPAID',
      });
      const paid = await h.gql(
        op('pay-streaming-order'),
        { input: { iotId: device, orderId, idempotencyKey: 'live-journey-pay-1' } },
        alice,
      );
      expect(paid.body.data.payStreamingOrder).toMatchObject({
        __typename: 'PayStreamingOrderPayload',
        alreadyPaid: false,
        order: { orderId, paymentStatus: 'PAYING' },
      });
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'PAYING',
      });
      // The emulator settles a payment a few seconds later (its paymentSettleMs guess); nothing
      // but the shared poller can see that.
      expect((await stream.next(15_000)).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'PAID',
      });
      expect(stream.results.map((r) => r.data.orderUpdated.paymentStatus)).toEqual([
        'UNPAID',
        'PAYING',
        'PAID',
      ]);
    } finally {
      stream.close();
    }
  });
});

describe('orderUpdated over graphql-ws', () => {
  it('delivers a write and the vendor-side payment on the same /graphql path', async () => {
    const stream = wsSubscribe(h.url, ORDER_UPDATED, { iotId: device }, 'admin');
    try {
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const orderId = (await buy()).body.data.purchaseStreamingPlan.order.orderId as string;
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        __typename: 'StreamingOrder',
        orderId,
        paymentStatus: 'UNPAID',
      });
      await setPayment(orderId, 1);
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'PAID',
      });
      const metrics = await h.metrics();
      expect(metrics).toMatch(/subgate_subscriptions_open\{transport="ws"\} 1/);
      expect(metrics).toMatch(
        /subgate_subscription_events_delivered_total\{transport="ws",source="write"\} 1/,
      );
    } finally {
      stream.close();
    }
  });

  it('refuses a connection without a credential with a coded error, as HTTP does', async () => {
    const stream = wsSubscribe(h.url, ORDER_UPDATED, { iotId: device }, 'anonymous');
    const { error } = await stream.ended;
    expect(error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
    expect((await h.calls()).total).toBe(0);
  });
});

const STREAMING_GET = '/vision/customer/streaming/order/get';
const errorCodes = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  (r.errors ?? []).map((e) => e.extensions?.code);

describe('authorization', () => {
  it('refuses a user a device not bound to them, with FORBIDDEN', async () => {
    const bob = { token: 'demo-token-bob' };
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, bob);
    try {
      expect(errorCodes(await stream.next())).toEqual(['FORBIDDEN']);
      await stream.ended;
    } finally {
      stream.close();
    }
  });

  it("ends a user's stream with UNAUTHENTICATED once their token stops working", async () => {
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const state = await h.state();
      // Her session ends: the vendor knows her by a new token only.
      for (const u of state.users) if (u.iotToken === alice.token) u.iotToken = 'renewed-alice';
      await h.setState(state);
      const last = await stream.next(5_000);
      expect(errorCodes(last)).toEqual(['UNAUTHENTICATED']);
      expect(await stream.ended).toEqual({});
    } finally {
      stream.close();
    }
  });
});

describe('the shared poller', () => {
  /** The poller's reads of one unpaid order over `ms`, with `subscribers` open on its device. */
  async function readsWith(subscribers: number, ms: number) {
    await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
    const orderId = (await buy()).body.data.purchaseStreamingPlan.order.orderId as string;
    const streams = Array.from({ length: subscribers }, () =>
      sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, 'admin'),
    );
    try {
      // Every subscriber has started (two list reads each).
      await expect
        .poll(async () => sample(await h.metrics(), 'subgate_subscriptions_open'))
        .toBe(subscribers);
      await h.resetCalls();
      await new Promise((r) => setTimeout(r, ms));
      const reads = (await h.calls()).byApi[STREAMING_GET] ?? 0;
      expect(streams.every((s) => s.results.length === 0)).toBe(true);
      return { orderId, reads };
    } finally {
      for (const s of streams) s.close();
      await expect
        .poll(async () => sample(await h.metrics(), 'subgate_subscriptions_open'))
        .toBe(0);
    }
  }

  it('reads a watched order once per interval, for 1 subscriber as for 50', async () => {
    const one = await readsWith(1, 2_000);
    const fifty = await readsWith(50, 2_000);
    // 2 s at one read per 250 ms interval: at most 9 reads whatever the subscriber count.
    expect(one.reads).toBeGreaterThanOrEqual(4);
    expect(one.reads).toBeLessThanOrEqual(9);
    expect(fifty.reads).toBeLessThanOrEqual(9);
    expect(Math.abs(fifty.reads - one.reads)).toBeLessThanOrEqual(2);
  });
});

describe('limits and shutdown', () => {
  it('refuses a subscription past the per-caller and the total limit, with TOO_MANY_SUBSCRIPTIONS', async () => {
    const r = await startReplica(h.emulatorUrl, {
      SUBSCRIPTIONS_MAX_PER_CALLER: '2',
      SUBSCRIPTIONS_MAX_TOTAL: '3',
    });
    const streams = [
      sseSubscribe(r.url, ORDER_UPDATED, { iotId: device }, alice),
      sseSubscribe(r.url, ORDER_UPDATED, { iotId: device }, alice),
    ];
    try {
      await expect
        .poll(async () => sample(await r.metrics(), 'subgate_subscriptions_open'))
        .toBe(2);
      const third = sseSubscribe(r.url, ORDER_UPDATED, { iotId: device }, alice);
      streams.push(third);
      expect(errorCodes(await third.next())).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      const admin = wsSubscribe(r.url, ORDER_UPDATED, { iotId: device }, 'admin');
      streams.push(admin);
      await expect
        .poll(async () => sample(await r.metrics(), 'subgate_subscriptions_open'))
        .toBe(3);
      const overTotal = sseSubscribe(r.url, ORDER_UPDATED, { iotId: device }, 'admin');
      streams.push(overTotal);
      expect(errorCodes(await overTotal.next())).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    } finally {
      for (const s of streams) s.close();
      await r.close();
    }
  });

  it('ends SSE and WebSocket streams with SHUTTING_DOWN on shutdown, then closes the socket going away', async () => {
    const r = await startReplica(h.emulatorUrl);
    const inFlight = trackInFlight(r.server);
    const sse = sseSubscribe(r.url, ORDER_UPDATED, { iotId: device }, alice);
    const ws = wsSubscribe(r.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      await expect
        .poll(async () => sample(await r.metrics(), 'subgate_subscriptions_open'))
        .toBe(2);
      const closing = shutdown({
        server: r.server,
        inFlight,
        gateway: r.gateway,
        webSockets: r.webSockets,
        timeoutMs: 5_000,
        logger: createLogger('silent'),
      });
      expect(errorCodes(await sse.next())).toEqual(['SHUTTING_DOWN']);
      expect(errorCodes(await ws.next())).toEqual(['SHUTTING_DOWN']);
      expect(await sse.ended).toEqual({});
      expect(await ws.ended).toEqual({});
      expect((await ws.socketClosed).code).toBe(1001);
      expect(await closing).toBe(true);
    } finally {
      sse.close();
      ws.close();
    }
  });
});

describe('billingOrderUpdated', () => {
  const BILLING_UPDATED = /* GraphQL */ `
    subscription BillingOrderUpdated($filter: BillingOrderFilter) {
      billingOrderUpdated(filter: $filter) {
        orderId
        paymentStatus
      }
    }
  `;
  const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it("delivers the billing index's sweep-discovered changes to an admin: a new order, then paid", async () => {
    const r = await startReplica(h.emulatorUrl, {
      BILLING_INDEX: 'true',
      BILLING_INDEX_RECENT_PERIOD_MS: '500',
    });
    const admin = sseSubscribe(r.url, BILLING_UPDATED, {}, 'admin');
    const user = sseSubscribe(r.url, BILLING_UPDATED, {}, alice);
    try {
      expect(errorCodes(await user.next())).toEqual(['FORBIDDEN']);
      // The first sweep has filled the index (what it finds then is no news).
      await expect
        .poll(async () => sample(await r.metrics(), 'subgate_billing_index_newest_swept_seconds'))
        .toBeGreaterThan(0);
      const state = await h.state();
      const order = {
        ...state.billingOrders[0]!,
        OrderId: '990000000000001',
        CreateTime: utc(Date.now() - 5_000),
        PaymentStatus: 'Unpaid' as const,
      };
      delete order.PaymentTime;
      state.billingOrders.push(order);
      await h.setState(state);
      expect((await admin.next()).data.billingOrderUpdated).toEqual({
        orderId: order.OrderId,
        paymentStatus: 'UNPAID',
      });
      Object.assign(order, { PaymentStatus: 'Paid', PaymentTime: utc(Date.now()) });
      await h.setState(state);
      expect((await admin.next()).data.billingOrderUpdated).toEqual({
        orderId: order.OrderId,
        paymentStatus: 'PAID',
      });
    } finally {
      admin.close();
      user.close();
      await r.close();
    }
  });
});
