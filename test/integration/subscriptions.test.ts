/**
 * Live order updates over the wire (docs/subscriptions.md): the graphql-sse and graphql-ws
 * clients against a gateway on the emulator; the vendor-visible change is made through the
 * emulator's control API, as a payment settling outside subgate would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';
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
  h = await startHarness({ env: { SUBSCRIPTIONS_POLL_INTERVAL_MS: '250' } });
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

const buy = () =>
  h.gql(
    PURCHASE,
    { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
    alice,
  );

describe('orderUpdated over SSE', () => {
  it('shows a purchase, then the vendor-side payment, as unpaid → paying → paid', async () => {
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: device }, alice);
    try {
      // Subscribed once the gateway has read the device (the start's proof of access).
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const bought = await buy();
      const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
      const unpaid = await stream.next();
      expect(unpaid.data.orderUpdated).toMatchObject({ orderId, paymentStatus: 'UNPAID' });
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
