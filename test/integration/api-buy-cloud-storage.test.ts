/**
 * buyCloudStoragePlan over HTTP against the emulator, on one standing clock (gateway and
 * emulator): the order read back by its orderId, creating/paying → active/paid as the clock moves,
 * queued after the last plan, validation against the catalogue, typed refusals, the 10 s API's own
 * timeout and the keyed retry after an unknown outcome, and the BSS order in billingOrders at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { exampleQuery } from '../../src/server/graphiql-example.js';
import { authHeaders, startHarness, type Harness } from '../harness.js';
import {
  alice,
  bob,
  carol,
  ERROR_MEMBERS,
  operation,
  sellingHarness,
  SETTLE_MS,
} from './selling-support.js';

const BUY = '/vision/customer/cloudstorage/commodity/buy';
const GET = '/vision/customer/cloudstorage/order/get';
const device = DEMO_DEVICES.aliceExample; // alice is admin, carol is bound (shared)

const BUY_MUTATION = /* GraphQL */ `
  mutation ($input: BuyCloudStoragePlanInput!) {
    buyCloudStoragePlan(input: $input) {
      __typename
      ... on BuyCloudStoragePlanPayload {
        order {
          orderId
          outOrderNo
          commodityCode
          specification
          copies
          status
          paymentStatus
          startTime
          endTime
          userName
          price {
            amount
          }
        }
        device {
          cloudStorageOrders(first: 100) {
            edges {
              node {
                orderId
              }
            }
          }
        }
      }
      ${ERROR_MEMBERS}    }
  }
`;

const plan = (input: Record<string, unknown> = {}) => ({
  iotId: device,
  commodityCode: 'ilopLVCloudResource',
  specification: 'eventResource_7',
  copies: 2,
  userName: 'alice',
  ...input,
});

const { clock, get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

const buy = (input: Record<string, unknown>, as: typeof alice | 'admin' = alice) =>
  h.gql(BUY_MUTATION, { input: plan(input) }, as);

describe('buyCloudStoragePlan', () => {
  it('buys the plan asked for, with its settings and BSS order; paid and active once settled', async () => {
    const settings = { enableDefaultPlan: true, preRecordDuration: 3, recordDuration: 20 };
    const res = await buy({ immediateUse: true, userId: 'u-1', ...settings });
    const result = res.body.data.buyCloudStoragePlan;
    expect(result).toMatchObject({
      __typename: 'BuyCloudStoragePlanPayload',
      order: {
        commodityCode: 'ilopLVCloudResource',
        specification: 'eventResource_7',
        copies: 2,
        status: 'CREATING',
        paymentStatus: 'PAYING',
        startTime: new Date(clock.now()).toISOString().replace(/\.\d+Z$/, '.000Z'),
        userName: 'alice',
      },
    });
    const { orderId, outOrderNo } = result.order;
    expect(result.device.cloudStorageOrders.edges.map((e: any) => e.node.orderId)).toContain(
      orderId,
    );
    const stored = (await h.state()).cloudStorageOrders.find((o) => o.orderId === orderId)!;
    expect(stored).toMatchObject({
      iotId: device,
      identityId: 'identity-alice',
      userId: 'u-1',
      recordSettings: { ...settings, eventRecordProlong: null, maxRecordFileDuration: null },
    });
    const calls = await h.calls();
    expect(calls.byApi[BUY]).toBe(1);
    const billing = () =>
      h.state().then((s) => s.billingOrders.find((b) => b.OrderId === outOrderNo)!);
    expect(await billing()).toMatchObject({
      PaymentStatus: 'Unpaid',
      ProductType: 'linkvisual_cloudstorage',
    });
    clock.advance(SETTLE_MS);
    const later = await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 100) { edges { node { orderId status paymentStatus } } } } }`,
      { id: device },
      alice,
    );
    expect(
      later.body.data.device.cloudStorageOrders.edges.find((e: any) => e.node.orderId === orderId)
        .node,
    ).toEqual({ orderId, status: 'ACTIVE', paymentStatus: 'PAID' });
    expect((await billing()).PaymentStatus).toBe('Paid');
  });

  it('immediateUse false (the default) queues it after the device’s last plan', async () => {
    const running = (await h.state()).cloudStorageOrders.filter(
      (o) => o.iotId === device && (o.status === 0 || o.status === 3),
    );
    const lastEnd = Math.max(clock.now(), ...running.map((o) => Date.parse(o.endTimeUTC)));
    const res = await buy({});
    expect(Date.parse(res.body.data.buyCloudStoragePlan.order.startTime)).toBe(
      Math.floor(lastEnd / 1000) * 1000,
    );
    const second = await buy({ copies: 1 });
    expect(second.body.data.buyCloudStoragePlan.order.startTime).toBe(
      res.body.data.buyCloudStoragePlan.order.endTime,
    );
  });

  it.each([
    [{ copies: 0 }, 'input.copies', 'must be from 1 to 60'],
    [{ copies: 61 }, 'input.copies', 'must be from 1 to 60'],
    [{ userName: '' }, 'input.userName', 'must not be empty'],
    [{ specification: ' ' }, 'input.specification', 'must not be empty'],
    [{ preRecordDuration: 6 }, 'input.preRecordDuration', 'must be from 0 to 5 seconds'],
    [{ recordDuration: 31 }, 'input.recordDuration', 'must be from 0 to 30 seconds'],
    [
      { maxRecordFileDuration: 599 },
      'input.maxRecordFileDuration',
      'must be from 600 to 3600 seconds',
    ],
    [{ idempotencyKey: '' }, 'input.idempotencyKey', 'must not be empty'],
  ])('refuses %j with a ValidationError and no vendor write', async (bad, field, rule) => {
    await h.gql(`{ cloudStoragePlans { commodityCode } }`, {}, alice); // the catalogue is now known
    await h.resetCalls();
    const res = await buy(bad);
    expect(res.body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'ValidationError',
      field,
      rule,
    });
    expect((await h.calls()).byApi[BUY]).toBeUndefined();
  });

  it('refuses a plan not on sale, with every other problem, before any write', async () => {
    const res = await buy({ specification: 'fullTimeResource_99', copies: 0 });
    const result = res.body.data.buyCloudStoragePlan;
    expect(result.__typename).toBe('ValidationError');
    expect(result.issues).toEqual([
      { field: 'input.copies', rule: 'must be from 1 to 60' },
      {
        field: 'input.specification',
        rule: expect.stringMatching(
          /^must be a plan on sale with commodityCode ilopLVCloudResource \(.*eventResource_7/,
        ),
      },
    ]);
    expect((await h.calls()).byApi[BUY]).toBeUndefined();
  });

  it('returns the vendor refusals typed: 2065, 2066, a vendor 460', async () => {
    const before = (await h.state()).cloudStorageOrders;
    const notBound = await buy({}, bob);
    expect(notBound.body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2065',
      requestId: expect.any(String),
    });
    const shared = await buy({}, carol);
    expect(shared.body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2066',
    });
    const unknown = await buy({ iotId: 'no-such-device' }, 'admin');
    expect(unknown.body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
      localizedMessage: expect.stringContaining('no-such-device'),
    });
    expect((await h.calls()).byApi[BUY]).toBe(3);
    expect((await h.state()).cloudStorageOrders).toEqual(before);
  });

  it('past its timeout the outcome is unknown; the keyed retry finds the order and buys once', async () => {
    const before = (await h.state()).cloudStorageOrders.length;
    await h.setFaults([{ api: BUY, latencyMs: 60_000 }]);
    const input = { idempotencyKey: 'buy-slow' };
    const first = await buy(input);
    expect(first.body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: 'buy-slow',
    });
    const again = await buy(input);
    expect(again.body.data.buyCloudStoragePlan.__typename).toBe('BuyCloudStoragePlanPayload');
    const state = await h.state();
    expect(state.cloudStorageOrders.length).toBe(before + 1);
    expect(state.cloudStorageOrders.at(-1)!.orderId).toBe(
      again.body.data.buyCloudStoragePlan.order.orderId,
    );
    expect((await h.calls()).byApi[BUY]).toBe(1);
  });

  it('a connection broken before the vendor acted: the keyed retry finds nothing and buys', async () => {
    await h.setFaults([{ api: BUY, failureRate: 1, failWith: { drop: true } }]);
    const input = { idempotencyKey: 'buy-dropped' };
    const first = await buy(input);
    expect(first.body.data.buyCloudStoragePlan.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await buy(input);
    expect(again.body.data.buyCloudStoragePlan.__typename).toBe('BuyCloudStoragePlanPayload');
    expect((await h.calls()).byApi[BUY]).toBe(2);
  });

  it("the answer's device summary is read after the write, beside the read back, at no extra call", async () => {
    const SUMMARY = `mutation ($input: BuyCloudStoragePlanInput!) { buyCloudStoragePlan(input: $input) {
      ... on BuyCloudStoragePlanPayload { order { orderId } device { cloudStorage { orderCount } } } } }`;
    const before = (await h.state()).cloudStorageOrders.filter((o) => o.iotId === device).length;
    await h.resetCalls();
    const res = await h.gql(SUMMARY, { input: plan({ idempotencyKey: 'buy-summary' }) }, alice);
    expect(res.body.data.buyCloudStoragePlan.device.cloudStorage.orderCount).toBe(before + 1);
    // The order pages before (keyed), buy, the read back, and one read of the pages after.
    expect((await h.calls()).byApi).toEqual({
      '/vision/customer/cloudstorage/order/query': 2,
      [BUY]: 1,
      [GET]: 1,
    });
  });

  it('a keyed replay answers the order as the first attempt saw it, with no vendor call', async () => {
    const input = { idempotencyKey: 'buy-replay-settled' };
    const first = await buy(input);
    const order = first.body.data.buyCloudStoragePlan.order;
    expect(order).toMatchObject({ status: 'CREATING', paymentStatus: 'PAYING' });
    clock.advance(SETTLE_MS); // the vendor settles it: a fresh read would differ
    await h.resetCalls();
    const again = await buy(input);
    expect(again.body.data.buyCloudStoragePlan.order).toEqual(order);
    const calls = (await h.calls()).byApi;
    expect(calls[BUY]).toBeUndefined();
    expect(calls[GET]).toBeUndefined();
  });
});

// Not the selling harness's 300 ms deadline: 20 requests at once on a loaded machine can start the
// payload's device read past it (VENDOR_TIMEOUT), which says nothing about idempotency.
describe('buyCloudStoragePlan at the default request deadline', () => {
  let roomy: Harness;
  beforeAll(async () => {
    roomy = await startHarness();
  });
  afterAll(() => roomy?.close());

  it('20 concurrent buys with one key: one vendor write, 20 equal answers', async () => {
    const input = { idempotencyKey: 'buy-double-click' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => roomy.gql(BUY_MUTATION, { input: plan(input) }, alice)),
    );
    const orders = results.map((r) => r.body.data.buyCloudStoragePlan.order);
    expect(orders[0].orderId).toEqual(expect.any(String));
    for (const o of orders) expect(o).toEqual(orders[0]);
    const calls = (await roomy.calls()).byApi;
    expect(calls[BUY]).toBe(1);
    // The first attempt's answer is recorded whole: the others read nothing back.
    expect(calls[GET]).toBe(1);
  });
});

describe('the cloud-storage purchase journey (docs/selling.md)', () => {
  it('schema/operations: my devices, plans, can-buy, buy, the device: a paid, active plan', async () => {
    const mine = await h.gql(operation('my-devices'), {}, alice);
    expect(mine.body.errors).toBeUndefined();
    const screen = await h.gql(
      operation('cloud-storage-plans'),
      { iotId: device, commodityCode: 'ilopLVCloudResource', specification: 'eventResource_7' },
      alice,
    );
    expect(screen.body.errors).toBeUndefined();
    expect(screen.body.data.device.cloudStoragePlanAvailability.available).toBe(true);
    await h.resetCalls();
    const bought = await h.gql(
      operation('buy-cloud-storage-plan'),
      { input: plan({ immediateUse: true, idempotencyKey: 'journey-cloud' }) },
      alice,
    );
    expect(bought.body.errors).toBeUndefined();
    const { orderId } = bought.body.data.buyCloudStoragePlan.order;
    expect(bought.body.data.buyCloudStoragePlan.order).toMatchObject({
      status: 'CREATING',
      paymentStatus: 'PAYING',
    });
    expect((await h.calls()).byApi[BUY]).toBe(1);
    clock.advance(SETTLE_MS);
    const after = await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 100) { edges { node { orderId status paymentStatus } } } } }`,
      { id: device },
      alice,
    );
    expect(
      after.body.data.device.cloudStorageOrders.edges.find((e: any) => e.node.orderId === orderId)
        .node,
    ).toEqual({ orderId, status: 'ACTIVE', paymentStatus: 'PAID' });
  });

  it("GraphiQL's BuyCloudStoragePlan example runs for a user", async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(alice) },
      body: JSON.stringify({ query: exampleQuery(device), operationName: 'BuyCloudStoragePlan' }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.buyCloudStoragePlan).toMatchObject({
      __typename: 'BuyCloudStoragePlanPayload',
      order: { status: 'CREATING', paymentStatus: 'PAYING' },
    });
  });
});

describe('buyCloudStoragePlan with the billing index', () => {
  let indexed: Harness;
  beforeAll(async () => {
    indexed = await startHarness({ env: { BILLING_INDEX: 'true', BSS_QPS: '10' } });
  });
  afterAll(() => indexed?.close());

  it('its BSS order is in the billing index at once, without waiting for a sweep', async () => {
    const res = await indexed.gql(
      `mutation($input: BuyCloudStoragePlanInput!) { buyCloudStoragePlan(input: $input) {
        __typename ... on BuyCloudStoragePlanPayload { order { id outOrderNo } } } }`,
      { input: plan() },
    );
    const { id, outOrderNo } = res.body.data.buyCloudStoragePlan.order;
    // The purchase read its new billing order once; reading it now costs no BSS call.
    await indexed.resetCalls();
    const read = await indexed.gql(
      `query($id: ID!) { node(id: $id) { ... on CloudStorageOrder { billingOrder { orderId paymentStatus } } } }`,
      { id },
    );
    expect(read.body.data.node.billingOrder).toEqual({
      orderId: outOrderNo,
      paymentStatus: 'UNPAID',
    });
    expect((await indexed.calls()).byApi.GetOrderDetail).toBeUndefined();
  });
});
