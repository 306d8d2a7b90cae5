/**
 * The billing index over HTTP against the emulator, with BSS throttled at its real 10 calls per
 * second per API (the emulator's default limit) and subgate's default flow control: sweeps fill it over
 * several windows and pages, requests read it, misses fall back to GetOrderDetail and are kept,
 * `subOrders` cost a call only when selected, a purchase's billing order is there at once, and a
 * payment made at the vendor shows within the recent-window bound (the clock moved by the test).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { startHarness, type Harness } from '../harness.js';
import { sample, throttledCalls } from './ops-support.js';

const DAY = 86_400_000;
const HORIZON_DAYS = 150;

const NODE = /* GraphQL */ `
  query Node($id: ID!, $lines: Boolean!) {
    node(id: $id) {
      ... on BillingOrder {
        orderId
        paymentStatus
        createTime
        subOrders @include(if: $lines) {
          subOrderId
          quantity
        }
      }
    }
  }
`;
const nodeId = (orderId: string) => Buffer.from(`BillingOrder:${orderId}`).toString('base64');

let h: Harness;
let dataset: Dataset;
let oldUnpaid: Dataset['billingOrders'][number];
// The emulator's and the index's clock: real time plus what the test moved it by.
let skew = 0;
const clock = () => Date.now() + skew;

const metric = async (name: string, labels: Record<string, string> = {}) =>
  sample(await h.metrics(), name, labels);

beforeAll(async () => {
  dataset = generateDataset({ seed: 11, now: startOfUtcDay(Date.now()), devices: 12 });
  // One order left unpaid for days: older than the recent window, still able to change.
  oldUnpaid = dataset.billingOrders.find(
    (o) => created(o) < Date.now() - 3 * DAY && created(o) > Date.now() - 20 * DAY,
  )!;
  oldUnpaid.PaymentStatus = 'Unpaid';
  delete oldUnpaid.PaymentTime;
  h = await startHarness({
    dataset,
    now: clock,
    env: {
      BILLING_INDEX: 'true',
      BSS_QPS: '10',
      BILLING_INDEX_HORIZON_DAYS: String(HORIZON_DAYS),
      BILLING_INDEX_RECENT_PERIOD_MS: '5000',
    },
  });
  // BSS's limit, on by default in the emulator: no throttling below means subgate kept within it.
  expect(await h.limits()).toEqual({ bssQps: 10 });
  // The sweep runs in the background from start; readiness did not wait for it.
  // (The gauge reads 0 until the first sweep stored its state: not yet swept, not swept back.)
  await vi.waitFor(
    async () => {
      const oldest = await metric('subgate_billing_index_oldest_swept_seconds');
      expect(oldest).toBeGreaterThan(0);
      expect(oldest).toBeLessThanOrEqual((clock() - HORIZON_DAYS * DAY) / 1000 + 1);
    },
    { timeout: 30_000, interval: 200 },
  );
}, 40_000);
afterAll(() => h?.close());

const created = (o: { CreateTime: string }) => Date.parse(o.CreateTime);

describe('billing index', () => {
  it('is filled by sweeps over several windows and pages, and answers without GetOrderDetail', async () => {
    const inHorizon = dataset.billingOrders.filter(
      (o) => created(o) >= clock() - HORIZON_DAYS * DAY + 60_000,
    );
    expect(inHorizon.length).toBeGreaterThan(40); // more than two pages
    expect(await metric('subgate_billing_index_orders')).toBeGreaterThanOrEqual(inHorizon.length);
    const sweepCalls = await metric('subgate_billing_index_sweep_calls_total', { outcome: 'ok' });
    // The recent window (last day), then the rest of the horizon: a page per 20 orders.
    const recent = inHorizon.filter((o) => created(o) >= clock() - DAY - 60_000).length;
    expect(sweepCalls).toBeGreaterThanOrEqual(
      Math.max(1, Math.ceil(recent / 20)) + Math.ceil((inHorizon.length - recent) / 20),
    );
    expect(throttledCalls(await h.metrics())).toBe(0);

    await h.resetCalls();
    const picks = inHorizon.slice(0, 25);
    const results = await Promise.all(
      picks.map((o) => h.gql(NODE, { id: nodeId(o.OrderId), lines: false })),
    );
    results.forEach((res, i) => {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.node).toEqual({
        orderId: picks[i]!.OrderId,
        paymentStatus: picks[i]!.PaymentStatus?.toUpperCase() ?? null,
        createTime: new Date(created(picks[i]!)).toISOString(),
      });
    });
    expect((await h.calls()).byApi.GetOrderDetail).toBeUndefined();
  });

  it('answers a covered billingOrders window from the index, as QueryOrders would', async () => {
    const filter = {
      createdAfter: new Date(clock() - 60 * DAY).toISOString(),
      createdBefore: new Date(clock() - 2 * DAY).toISOString(),
    };
    const LIST = /* GraphQL */ `
      query ($filter: BillingOrderFilter) {
        billingOrders(filter: $filter, first: 30) {
          totalCount
          edges {
            node {
              orderId
              paymentStatus
            }
          }
        }
      }
    `;
    await h.resetCalls();
    const res = await h.gql(LIST, { filter });
    expect(res.body.errors).toBeUndefined();
    expect((await h.calls()).byApi.QueryOrders ?? 0).toBe(0);
    const from = Date.parse(filter.createdAfter) - (Date.parse(filter.createdAfter) % 1000);
    const to = Date.parse(filter.createdBefore) - (Date.parse(filter.createdBefore) % 1000);
    const expected = dataset.billingOrders
      .filter((o) => created(o) >= from && created(o) <= to)
      .sort((a, b) => created(b) - created(a) || (a.OrderId < b.OrderId ? 1 : -1));
    expect(res.body.data.billingOrders.totalCount).toBe(expected.length);
    expect(res.body.data.billingOrders.edges.map((e: any) => e.node.orderId)).toEqual(
      expected.slice(0, 30).map((o) => o.OrderId),
    );
  });

  it('falls back to GetOrderDetail for an order older than the horizon, once', async () => {
    const old = dataset.billingOrders.find((o) => created(o) < clock() - (HORIZON_DAYS + 5) * DAY);
    expect(old).toBeDefined();
    await h.resetCalls();
    const first = await h.gql(NODE, { id: nodeId(old!.OrderId), lines: false });
    expect(first.body.data.node.orderId).toBe(old!.OrderId);
    expect((await h.calls()).byApi.GetOrderDetail).toBe(1);
    const again = await h.gql(NODE, { id: nodeId(old!.OrderId), lines: false });
    expect(again.body.data.node).toEqual(first.body.data.node);
    expect((await h.calls()).byApi.GetOrderDetail).toBe(1); // remembered by the index
  });

  it('reads sub-orders (GetOrderDetail) only when they are selected', async () => {
    const order = dataset.billingOrders.find((o) => created(o) > clock() - 30 * DAY)!;
    await h.resetCalls();
    await h.gql(NODE, { id: nodeId(order.OrderId), lines: false });
    expect((await h.calls()).byApi.GetOrderDetail).toBeUndefined();
    const res = await h.gql(NODE, { id: nodeId(order.OrderId), lines: true });
    expect(res.body.data.node.subOrders).toEqual(
      order.SubOrders!.map((s) => ({ subOrderId: s.SubOrderId, quantity: s.Quantity })),
    );
    expect((await h.calls()).byApi.GetOrderDetail).toBe(1);
  });

  it('sees an order unpaid for days paid within a minute (its span swept again)', async () => {
    const read = () =>
      h.gql(NODE, { id: nodeId(oldUnpaid.OrderId), lines: false }).then((r) => r.body.data.node);
    expect((await read()).paymentStatus).toBe('UNPAID');
    const state = await h.state();
    const order = state.billingOrders.find((o) => o.OrderId === oldUnpaid.OrderId)!;
    order.PaymentStatus = 'Paid';
    order.PaymentTime = new Date(clock()).toISOString().replace(/\.\d+Z$/, 'Z');
    await h.setState(state);
    const paidAt = clock();
    let shown = false;
    // 12 recent periods of 5 s, and one more period for the sweep itself.
    while (!shown && clock() - paidAt <= 65_000) {
      skew += 5_000;
      await new Promise((r) => setTimeout(r, 400));
      shown = (await read()).paymentStatus === 'PAID';
    }
    expect(shown).toBe(true);
  }, 30_000);

  it("puts a purchase's billing order into the index at once; its payment shows within 15 s", async () => {
    const outOrderNo = await purchase(h);
    // The purchase read its new billing order once; reading it now costs no call.
    await h.resetCalls();
    const read = await h.gql(NODE, { id: nodeId(outOrderNo), lines: false });
    expect(read.body.data.node.paymentStatus).toBe('UNPAID');
    expect((await h.calls()).byApi.GetOrderDetail).toBeUndefined();
    expect(await paidWithin15s(h, outOrderNo)).toBe(true);
    expect(throttledCalls(await h.metrics())).toBe(0);
  }, 30_000);

  it('lets orders that aged past the horizon go at the next full re-sweep; BSS answers them', async () => {
    const horizon = () => clock() - HORIZON_DAYS * DAY;
    // The oldest order inside the horizon: the clock moves until it is outside.
    const aging = dataset.billingOrders
      .filter((o) => created(o) > horizon() + 60_000)
      .reduce((a, b) => (created(a) <= created(b) ? a : b));
    await h.resetCalls();
    await h.gql(NODE, { id: nodeId(aging.OrderId), lines: false });
    expect((await h.calls()).byApi.GetOrderDetail).toBeUndefined();
    const held = await metric('subgate_billing_index_orders');

    // Past BILLING_INDEX_FULL_SWEEP_HOURS (24), and the horizon past `aging`.
    const step = Math.max(2 * DAY, created(aging) - horizon() + DAY);
    skew += step;
    const gone = dataset.billingOrders.filter(
      (o) => created(o) < horizon() && created(o) >= horizon() - step,
    ).length;
    expect(gone).toBeGreaterThan(0);
    await vi.waitFor(
      async () =>
        expect(await metric('subgate_billing_index_oldest_swept_seconds')).toBeGreaterThanOrEqual(
          Math.floor(horizon() / 1000) - 60,
        ),
      { timeout: 15_000, interval: 200 },
    );
    expect(await metric('subgate_billing_index_orders')).toBeLessThanOrEqual(held - gone);

    await h.resetCalls();
    const read = await h.gql(NODE, { id: nodeId(aging.OrderId), lines: false });
    expect(read.body.data.node.orderId).toBe(aging.OrderId);
    expect((await h.calls()).byApi.GetOrderDetail).toBe(1);
    // A window reaching past the horizon (holding `aging`) is no longer the index's to answer.
    const LIST = /* GraphQL */ `
      query ($filter: BillingOrderFilter) {
        billingOrders(filter: $filter, first: 5) {
          totalCount
        }
      }
    `;
    const filter = {
      createdAfter: new Date(created(aging) - DAY).toISOString(),
      createdBefore: new Date(horizon() + DAY).toISOString(),
    };
    const list = await h.gql(LIST, { filter });
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.billingOrders.totalCount).toBeGreaterThan(0);
    expect((await h.calls()).byApi.QueryOrders).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

describe('billing index with the default 5 s shared cache', () => {
  let cached: Harness;
  beforeAll(async () => {
    cached = await startHarness({
      dataset,
      now: clock,
      env: { BILLING_INDEX: 'true', BSS_QPS: '10', VENDOR_CACHE_TTL_MS: '5000' },
    });
  });
  afterAll(() => cached?.close());

  it('shows a payment made at the vendor within 15 s, through the cache and the response cache', async () => {
    const outOrderNo = await purchase(cached);
    // Read twice: the second answer comes from the stored response.
    for (let i = 0; i < 2; i++) {
      const res = await cached.gql(NODE, { id: nodeId(outOrderNo), lines: false });
      expect(res.body.data.node.paymentStatus).toBe('UNPAID');
    }
    expect(await paidWithin15s(cached, outOrderNo)).toBe(true);
  }, 30_000);
});

const PURCHASE = /* GraphQL */ `
  mutation ($input: PurchaseStreamingPlanInput!) {
    purchaseStreamingPlan(input: $input) {
      __typename
      ... on PurchaseStreamingPlanPayload {
        order {
          outOrderNo
          billingOrder {
            orderId
            paymentStatus
          }
        }
      }
    }
  }
`;

/** Buys a streaming plan; its billing order is in the payload, Unpaid. Returns its OrderId. */
async function purchase(on: Harness): Promise<string> {
  const bought = await on.gql(PURCHASE, {
    input: {
      iotId: dataset.devices.find((d) => d.adminIdentityId)!.iotId,
      commodityCode: 'streamingResource_5_2',
      copies: 1,
    },
  });
  expect(bought.body.errors).toBeUndefined();
  expect(bought.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
  const outOrderNo: string = bought.body.data.purchaseStreamingPlan.order.outOrderNo;
  expect(bought.body.data.purchaseStreamingPlan.order.billingOrder).toEqual({
    orderId: outOrderNo,
    paymentStatus: 'UNPAID',
  });
  return outOrderNo;
}

/**
 * Pays the order at the vendor, then moves the clock a second at a time: whether subgate shows it
 * paid before 15 s have passed on the clock.
 */
async function paidWithin15s(on: Harness, orderId: string): Promise<boolean> {
  const state = await on.state();
  const billing = state.billingOrders.find((o) => o.OrderId === orderId)!;
  billing.PaymentStatus = 'Paid';
  billing.PaymentTime = new Date(clock()).toISOString().replace(/\.\d+Z$/, 'Z');
  await on.setState(state);
  const paidAt = clock();
  while (clock() - paidAt < 15_000) {
    skew += 1_000;
    await new Promise((r) => setTimeout(r, 400));
    const res = await on.gql(NODE, { id: nodeId(orderId), lines: false });
    if (res.body.data.node.paymentStatus === 'PAID') return true;
  }
  return false;
}
