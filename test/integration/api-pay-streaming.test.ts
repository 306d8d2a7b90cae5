/**
 * payStreamingOrder over HTTP against the emulator, on one standing clock (gateway and emulator):
 * purchase then pay, unpaid → paying → paid as the clock moves, an order already paid, typed
 * refusals, the 10 s API's own timeout, and the keyed retry after an unknown outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { manualClock, startHarness, type Harness } from '../harness.js';
import {
  alice,
  bob,
  carol,
  ERROR_MEMBERS,
  operation,
  runExample,
  sellingHarness,
  SETTLE_MS,
} from './selling-support.js';

const PAY = '/vision/customer/streaming/order/pay';
const GET = '/vision/customer/streaming/order/get';
const device = DEMO_DEVICES.aliceExample; // alice is admin, carol is bound (shared)

const PURCHASE = /* GraphQL */ `
  mutation ($input: PurchaseStreamingPlanInput!) {
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

const PAY_MUTATION = /* GraphQL */ `
  mutation ($input: PayStreamingOrderInput!) {
    payStreamingOrder(input: $input) {
      __typename
      ... on PayStreamingOrderPayload {
        alreadyPaid
        order {
          orderId
          paymentStatus
        }
        device {
          streamingOrders(first: 50) {
            edges {
              node {
                orderId
                paymentStatus
              }
            }
          }
        }
      }
      ${ERROR_MEMBERS}    }
  }
`;

const ORDERS = /* GraphQL */ `
  query ($iotId: String!) {
    device(iotId: $iotId) {
      streamingOrders(first: 50) {
        edges {
          node {
            orderId
            paymentStatus
          }
        }
      }
    }
  }
`;

/** The order's paymentStatus, as a new request reads it. */
async function paymentStatus(orderId: string): Promise<string> {
  const res = await h.gql(ORDERS, { iotId: device }, alice);
  return res.body.data.device.streamingOrders.edges.find((e: any) => e.node.orderId === orderId)
    .node.paymentStatus;
}

const { clock, get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

async function unpaidOrder(): Promise<string> {
  const res = await h.gql(
    PURCHASE,
    { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
    alice,
  );
  expect(res.body.data.purchaseStreamingPlan.order.paymentStatus).toBe('UNPAID');
  await h.resetCalls();
  return res.body.data.purchaseStreamingPlan.order.orderId;
}

const pay = (input: Record<string, unknown>, as: typeof alice = alice) =>
  h.gql(PAY_MUTATION, { input: { iotId: device, ...input } }, as);

describe('payStreamingOrder', () => {
  it('purchase then pay: PAYING at once, PAID with its BSS order once the vendor settles', async () => {
    const orderId = await unpaidOrder();
    const res = await pay({ orderId });
    const result = res.body.data.payStreamingOrder;
    expect(result).toMatchObject({
      __typename: 'PayStreamingOrderPayload',
      alreadyPaid: false,
      order: { orderId, paymentStatus: 'PAYING' },
    });
    // The device read in the same response already shows the payment.
    expect(result.device.streamingOrders.edges.map((e: any) => e.node)).toContainEqual({
      orderId,
      paymentStatus: 'PAYING',
    });
    expect((await h.calls()).byApi[PAY]).toBe(1);
    const outOrderNo = (await h.state()).streamingOrders.find(
      (o) => o.orderId === orderId,
    )!.outOrderNo;
    const billing = () =>
      h.state().then((s) => s.billingOrders.find((b) => b.OrderId === outOrderNo)!);
    expect((await billing()).PaymentStatus).toBe('Unpaid');

    clock.advance(SETTLE_MS - 1);
    expect(await paymentStatus(orderId)).toBe('PAYING');
    clock.advance(1);
    expect(await paymentStatus(orderId)).toBe('PAID');
    expect(await billing()).toMatchObject({
      PaymentStatus: 'Paid',
      PaymentTime: expect.any(String),
    });
  });

  it('an order already paying or paid is answered as it stands, alreadyPaid, without a pay call', async () => {
    const orderId = await unpaidOrder();
    await pay({ orderId });
    const paying = await pay({ orderId });
    expect(paying.body.data.payStreamingOrder).toMatchObject({
      __typename: 'PayStreamingOrderPayload',
      alreadyPaid: true,
      order: { paymentStatus: 'PAYING' },
    });
    clock.advance(SETTLE_MS);
    const paid = await pay({ orderId });
    expect(paid.body.data.payStreamingOrder).toMatchObject({
      alreadyPaid: true,
      order: { orderId, paymentStatus: 'PAID' },
    });
    expect((await h.calls()).byApi[PAY]).toBe(1);
  });

  it.each([
    [{ orderId: '' }, 'input.orderId', 'must not be empty'],
    [{ iotId: ' ' }, 'input.iotId', 'must not be empty'],
    [{ orderId: 'x'.repeat(129) }, 'input.orderId', 'must be at most 128 characters'],
    [{ idempotencyKey: '' }, 'input.idempotencyKey', 'must not be empty'],
  ])('refuses %j with a ValidationError and no vendor call', async (bad, field, rule) => {
    const res = await pay({ orderId: 'o-1', ...bad });
    expect(res.body.data.payStreamingOrder).toMatchObject({
      __typename: 'ValidationError',
      field,
      rule,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('an unknown order is the vendor 460, typed, and nothing is paid', async () => {
    const res = await pay({ orderId: 'no-such-order' });
    expect(res.body.data.payStreamingOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
      localizedMessage: expect.stringContaining('no-such-order'),
      requestId: expect.any(String),
    });
    expect((await h.calls()).byApi[PAY]).toBeUndefined();
  });

  it('the pay API refuses an unknown order with 460 itself (the order was read before)', async () => {
    const orderId = await unpaidOrder();
    await h.setFaults([{ api: PAY, failureRate: 1, failWith: { code: 460 } }]);
    const res = await pay({ orderId });
    expect(res.body.data.payStreamingOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
    });
    expect((await h.calls()).byApi[PAY]).toBe(1);
  });

  it('a user not bound gets 2065, a shared user 2066, as ForbiddenError', async () => {
    const orderId = await unpaidOrder();
    const notBound = await pay({ orderId }, bob);
    expect(notBound.body.data.payStreamingOrder).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2065',
      requestId: expect.any(String),
    });
    const shared = await pay({ orderId }, carol);
    expect(shared.body.data.payStreamingOrder).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2066',
    });
    const stored = (await h.state()).streamingOrders.find((o) => o.orderId === orderId)!;
    expect(stored.paymentStatus).toBe(0);
  });

  it('the pay API has its own timeout: an answer after the others’ timeout and the request deadline still counts', async () => {
    const orderId = await unpaidOrder();
    await h.setFaults([{ api: PAY, latencyMs: 600 }]);
    const res = await pay({ orderId });
    expect(res.body.data.payStreamingOrder).toMatchObject({
      __typename: 'PayStreamingOrderPayload',
      order: { paymentStatus: 'PAYING' },
    });
  });

  it('past its timeout the outcome is unknown; the keyed retry reads the order and pays once', async () => {
    const orderId = await unpaidOrder();
    await h.setFaults([{ api: PAY, latencyMs: 60_000 }]);
    const input = { orderId, idempotencyKey: 'pay-slow' };
    const first = await pay(input);
    expect(first.body.data.payStreamingOrder).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: 'pay-slow',
    });
    const again = await pay(input);
    expect(again.body.data.payStreamingOrder).toMatchObject({
      __typename: 'PayStreamingOrderPayload',
      alreadyPaid: false,
      order: { orderId, paymentStatus: 'PAYING' },
    });
    const calls = await h.calls();
    expect(calls.byApi[PAY]).toBe(1);
    expect(calls.byApi[GET]).toBe(2); // the first attempt's read, then the retry's reconciliation
  });

  it('a connection broken before the vendor acted: the keyed retry finds the order unpaid and pays', async () => {
    const orderId = await unpaidOrder();
    await h.setFaults([{ api: PAY, failureRate: 1, failWith: { drop: true } }]);
    const input = { orderId, idempotencyKey: 'pay-dropped' };
    const first = await pay(input);
    expect(first.body.data.payStreamingOrder.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await pay(input);
    expect(again.body.data.payStreamingOrder).toMatchObject({
      alreadyPaid: false,
      order: { paymentStatus: 'PAYING' },
    });
    expect((await h.calls()).byApi[PAY]).toBe(2);
  });
});

// Not the selling harness's 300 ms deadline: 20 requests at once on a loaded machine can start the
// payload's device read past it (VENDOR_TIMEOUT), which says nothing about idempotency.
describe('payStreamingOrder at the default request deadline', () => {
  let roomy: Harness;
  beforeAll(async () => {
    roomy = await startHarness();
  });
  afterAll(() => roomy?.close());

  it('20 concurrent pays with one key: one vendor pay, 20 equal answers', async () => {
    const bought = await roomy.gql(
      PURCHASE,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    const orderId = bought.body.data.purchaseStreamingPlan.order.orderId;
    await roomy.resetCalls();
    const input = { orderId, idempotencyKey: 'pay-double-click' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        roomy.gql(PAY_MUTATION, { input: { iotId: device, ...input } }, alice),
      ),
    );
    const payloads = results.map((r) => r.body.data.payStreamingOrder.order);
    for (const p of payloads) expect(p).toEqual({ orderId, paymentStatus: 'PAYING' });
    expect((await roomy.calls()).byApi[PAY]).toBe(1);
  });
});

describe('the streaming purchase journey (docs/selling.md)', () => {
  it('schema/operations: purchase, then pay, ends with a paid, active plan', async () => {
    const bought = await h.gql(
      operation('purchase-streaming-plan'),
      {
        input: {
          iotId: device,
          commodityCode: 'streamingResource_20_10',
          copies: 1,
          immediateUse: true,
          idempotencyKey: 'journey-buy',
        },
      },
      alice,
    );
    const { orderId } = bought.body.data.purchaseStreamingPlan.order;
    const paid = await h.gql(
      operation('pay-streaming-order'),
      { input: { iotId: device, orderId, idempotencyKey: 'journey-pay' } },
      alice,
    );
    expect(paid.body.errors).toBeUndefined();
    expect(paid.body.data.payStreamingOrder).toMatchObject({
      __typename: 'PayStreamingOrderPayload',
      order: { orderId, status: 'ACTIVE', paymentStatus: 'PAYING' },
    });
    clock.advance(SETTLE_MS);
    expect(await paymentStatus(orderId)).toBe('PAID');
  });

  it("GraphiQL's BuyStreamingPlan then PayStreamingOrder examples run for a user", async () => {
    const bought = await runExample(h, 'BuyStreamingPlan', alice, device);
    const { orderId } = bought.data.purchaseStreamingPlan.order;
    const paid = await runExample(h, 'PayStreamingOrder', alice, device, orderId);
    expect(paid.errors).toBeUndefined();
    expect(paid.data.payStreamingOrder).toEqual({
      __typename: 'PayStreamingOrderPayload',
      alreadyPaid: false,
      order: { orderId, paymentStatus: 'PAYING' },
    });
  });
});

describe('payStreamingOrder with the billing index', () => {
  const paidClock = manualClock();
  let indexed: Harness;
  beforeAll(async () => {
    indexed = await startHarness({
      now: paidClock.now,
      // No recent sweep during the test: only the write-through can show the payment.
      env: {
        BILLING_INDEX: 'true',
        BILLING_INDEX_RECENT_PERIOD_MS: '3600000',
        SUBSCRIPTIONS_POLL_INTERVAL_MS: '250',
      },
    });
  });
  afterAll(() => indexed?.close());

  it('once the vendor settles the payment, its BSS order is Paid in the index, with no subscriber and no sweep', async () => {
    const bought = await indexed.gql(
      `mutation($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) {
        ... on PurchaseStreamingPlanPayload { order { id orderId } } } }`,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    const { id, orderId } = bought.body.data.purchaseStreamingPlan.order;
    const billing = async () =>
      (
        await indexed.gql(
          `query($id: ID!) { node(id: $id) { ... on StreamingOrder { billingOrder { paymentStatus } } } }`,
          { id },
          'admin', // billing orders are the account's: admin-key callers only
        )
      ).body.data.node.billingOrder.paymentStatus;
    expect(await billing()).toBe('UNPAID');
    const paid = await indexed.gql(PAY_MUTATION, { input: { iotId: device, orderId } }, alice);
    expect(paid.body.data.payStreamingOrder.order.paymentStatus).toBe('PAYING');
    await indexed.resetCalls();
    paidClock.advance(SETTLE_MS);
    await expect.poll(billing, { timeout: 5_000 }).toBe('PAID');
    const calls = (await indexed.calls()).byApi;
    expect(calls[GET]).toBeGreaterThanOrEqual(1); // the payment followed until it settled
    expect(calls.GetOrderDetail).toBe(1); // its billing order, written through once
    expect(calls.QueryOrders).toBeUndefined();
  });
});
