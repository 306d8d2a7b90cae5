/**
 * activateCloudStorageOrder and activateStreamingOrder over HTTP against the emulator, on one
 * standing clock: a paid, queued plan starts now and the queue after it moves up; typed refusals;
 * the keyed retry after an unknown outcome enables once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import type { Harness } from '../harness.js';
import {
  alice,
  carol,
  operation,
  runExample,
  sellingHarness,
  SETTLE_MS,
} from './selling-support.js';

const ENABLE = '/vision/customer/cloudstorage/commodity/enable';
const STREAMING_ENABLE = '/vision/customer/streaming/order/enable';
const device = DEMO_DEVICES.aliceExample; // alice is admin, carol is bound (shared)

const ACTIVATE_CLOUD = operation('activate-cloud-storage-order');
const ACTIVATE_STREAMING = operation('activate-streaming-order');

const { clock, get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

const nowIso = () => new Date(Math.floor(clock.now() / 1000) * 1000).toISOString();

/** Two plans bought queued (immediateUse false), settled: paid, starting later. */
async function queuedCloudPlans(): Promise<any[]> {
  const buy = `mutation($input: BuyCloudStoragePlanInput!) { buyCloudStoragePlan(input: $input) { ... on BuyCloudStoragePlanPayload { order { orderId } } } }`;
  const ids: string[] = [];
  for (const copies of [1, 2]) {
    const res = await h.gql(
      buy,
      {
        input: {
          iotId: device,
          commodityCode: 'ilopLVCloudResource',
          specification: 'eventResource_7',
          copies,
          userName: 'alice',
        },
      },
      alice,
    );
    ids.push(res.body.data.buyCloudStoragePlan.order.orderId);
  }
  clock.advance(SETTLE_MS);
  await h.resetCalls();
  const state = await h.state();
  return ids.map((id) => state.cloudStorageOrders.find((o) => o.orderId === id)!);
}

describe('activateCloudStorageOrder', () => {
  it('starts a paid, queued plan now, keeping its length; the queue after it moves up', async () => {
    const [first, second] = await queuedCloudPlans();
    expect(Date.parse(second.startTimeUTC)).toBeGreaterThan(clock.now());
    const length = (o: any) => Date.parse(o.endTimeUTC) - Date.parse(o.startTimeUTC);
    const res = await h.gql(
      ACTIVATE_CLOUD,
      { input: { iotId: device, orderId: second.orderId } },
      alice,
    );
    const activated = res.body.data.activateCloudStorageOrder;
    expect(activated).toMatchObject({
      __typename: 'ActivateCloudStorageOrderPayload',
      order: {
        orderId: second.orderId,
        status: 'ACTIVE',
        paymentStatus: 'PAID',
        startTime: nowIso(),
      },
    });
    expect(Date.parse(activated.order.endTime) - clock.now()).toBeLessThanOrEqual(length(second));
    // The rest of the queue now follows the activated plan, one after another, lengths kept.
    const state = await h.state();
    const activatedEnd = state.cloudStorageOrders.find(
      (o) => o.orderId === second.orderId,
    )!.endTimeUTC;
    const queue = state.cloudStorageOrders
      .filter((o) => o.iotId === device && Date.parse(o.startTimeUTC) > clock.now())
      .sort((a, b) => Date.parse(a.startTimeUTC) - Date.parse(b.startTimeUTC));
    expect(queue[0]!.startTimeUTC).toBe(activatedEnd);
    queue.slice(1).forEach((o, i) => expect(o.startTimeUTC).toBe(queue[i]!.endTimeUTC));
    const moved = queue.find((o) => o.orderId === first.orderId)!;
    expect(length(moved)).toBe(length(first));
    expect((await h.calls()).byApi[ENABLE]).toBe(1);
  });

  it('a plan not paid yet is the vendor 460, typed; an unknown order too', async () => {
    const buy = `mutation($input: BuyCloudStoragePlanInput!) { buyCloudStoragePlan(input: $input) { ... on BuyCloudStoragePlanPayload { order { orderId } } } }`;
    const bought = await h.gql(
      buy,
      {
        input: {
          iotId: device,
          commodityCode: 'ilopLVCloudResource',
          specification: 'eventResource_7',
          copies: 1,
          userName: 'alice',
        },
      },
      alice,
    );
    const orderId = bought.body.data.buyCloudStoragePlan.order.orderId;
    const unpaid = await h.gql(ACTIVATE_CLOUD, { input: { iotId: device, orderId } }, alice);
    expect(unpaid.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
      localizedMessage: expect.stringContaining(orderId),
    });
    const unknown = await h.gql(
      ACTIVATE_CLOUD,
      { input: { iotId: device, orderId: 'no-such-order' } },
      alice,
    );
    expect(unknown.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
    });
  });

  it('a shared user gets ForbiddenError 2066; validation comes before any call', async () => {
    const [plan] = await queuedCloudPlans();
    const shared = await h.gql(
      ACTIVATE_CLOUD,
      { input: { iotId: device, orderId: plan.orderId } },
      carol,
    );
    expect(shared.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2066',
    });
    await h.resetCalls();
    const bad = await h.gql(ACTIVATE_CLOUD, { input: { iotId: device, orderId: '' } }, alice);
    expect(bad.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.orderId',
      rule: 'must not be empty',
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('past its timeout the outcome is unknown; the keyed retry sees the start moved and enables once', async () => {
    const [, second] = await queuedCloudPlans();
    await h.setFaults([{ api: ENABLE, latencyMs: 60_000 }]);
    const input = { iotId: device, orderId: second.orderId, idempotencyKey: 'enable-slow' };
    const first = await h.gql(ACTIVATE_CLOUD, { input }, alice);
    expect(first.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: 'enable-slow',
    });
    const again = await h.gql(ACTIVATE_CLOUD, { input }, alice);
    expect(again.body.data.activateCloudStorageOrder).toMatchObject({
      __typename: 'ActivateCloudStorageOrderPayload',
      order: { orderId: second.orderId, startTime: nowIso() },
    });
    expect((await h.calls()).byApi[ENABLE]).toBe(1);
  });

  it('a connection broken before the vendor acted: the keyed retry sees no change and enables', async () => {
    const [, second] = await queuedCloudPlans();
    await h.setFaults([{ api: ENABLE, failureRate: 1, failWith: { drop: true } }]);
    const input = { iotId: device, orderId: second.orderId, idempotencyKey: 'enable-dropped' };
    const first = await h.gql(ACTIVATE_CLOUD, { input }, alice);
    expect(first.body.data.activateCloudStorageOrder.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await h.gql(ACTIVATE_CLOUD, { input }, alice);
    expect(again.body.data.activateCloudStorageOrder.order.startTime).toBe(nowIso());
    expect((await h.calls()).byApi[ENABLE]).toBe(2);
  });
});

describe('activateStreamingOrder', () => {
  it('a purchased, paid, queued streaming plan starts now', async () => {
    const purchase = `mutation($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) { ... on PurchaseStreamingPlanPayload { order { orderId startTime } } } }`;
    const pay = `mutation($input: PayStreamingOrderInput!) { payStreamingOrder(input: $input) { __typename } }`;
    const bought = await h.gql(
      purchase,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    const { orderId, startTime } = bought.body.data.purchaseStreamingPlan.order;
    expect(Date.parse(startTime)).toBeGreaterThan(clock.now()); // queued after the device's plans
    const early = await h.gql(ACTIVATE_STREAMING, { input: { iotId: device, orderId } }, alice);
    expect(early.body.data.activateStreamingOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
    });
    await h.gql(pay, { input: { iotId: device, orderId } }, alice);
    clock.advance(SETTLE_MS);
    await h.resetCalls();
    const res = await h.gql(
      ACTIVATE_STREAMING,
      { input: { iotId: device, orderId, idempotencyKey: 'streaming-now' } },
      alice,
    );
    expect(res.body.data.activateStreamingOrder).toMatchObject({
      __typename: 'ActivateStreamingOrderPayload',
      order: { orderId, status: 'ACTIVE', paymentStatus: 'PAID', startTime: nowIso() },
    });
    expect((await h.calls()).byApi[STREAMING_ENABLE]).toBe(1);
  });

  it("GraphiQL's BuyStreamingPlan, PayStreamingOrder, ActivateStreamingOrder examples start it now", async () => {
    const bought = await runExample(h, 'BuyStreamingPlan', alice, device);
    const { orderId } = bought.data.purchaseStreamingPlan.order;
    await runExample(h, 'PayStreamingOrder', alice, device, orderId);
    clock.advance(SETTLE_MS);
    await h.resetCalls();
    const body = await runExample(h, 'ActivateStreamingOrder', alice, device, orderId);
    expect(body.errors).toBeUndefined();
    expect(body.data.activateStreamingOrder).toMatchObject({
      __typename: 'ActivateStreamingOrderPayload',
      order: { orderId, status: 'ACTIVE', startTime: nowIso() },
    });
    expect((await h.calls()).byApi[STREAMING_ENABLE]).toBe(1);
  });
});
