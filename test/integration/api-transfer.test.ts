/**
 * transferCloudStorageOrder over HTTP against the emulator: a plan's remaining time moves to
 * another device the caller administers and ends on the source; a device the caller only shares is
 * refused before any write, naming which; the keyed retry after an unknown outcome moves it once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import type { Harness } from '../harness.js';
import { alice, operation, sellingHarness } from './selling-support.js';
import { sseSubscribe } from './live-clients.js';

const TRANSFER = '/vision/customer/cloudstorage/transfer';
const from = DEMO_DEVICES.aliceExample;
const to = DEMO_DEVICES.aliceMany; // alice administers both
const shared = DEMO_DEVICES.bobManySharedWithAlice; // bob's, shared with alice

const MUTATION = operation('transfer-cloud-storage-order');

const { clock, get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

/** A paid plan running now on the source device. */
async function runningPlan() {
  const now = clock.now();
  const order = (await h.state()).cloudStorageOrders.find(
    (o) =>
      o.iotId === from &&
      o.status === 0 &&
      o.paymentStatus === 1 &&
      Date.parse(o.startTimeUTC) <= now &&
      Date.parse(o.endTimeUTC) > now,
  );
  expect(order, 'the demo device has a running paid plan').toBeDefined();
  return order!;
}

const nowSeconds = () => Math.floor(clock.now() / 1000) * 1000;

describe('transferCloudStorageOrder', () => {
  it('moves the remaining time to the other device, starting now, and ends it on the source', async () => {
    const plan = await runningPlan();
    const remaining = Date.parse(plan.endTimeUTC) - nowSeconds();
    const res = await h.gql(
      MUTATION,
      { input: { fromIotId: from, orderId: plan.orderId, toIotId: to, immediateUse: true } },
      alice,
    );
    const result = res.body.data.transferCloudStorageOrder;
    expect(result).toMatchObject({
      __typename: 'TransferCloudStorageOrderPayload',
      order: { iotId: to, status: 'ACTIVE', paymentStatus: 'PAID' },
      device: { iotId: to },
      fromDevice: { iotId: from },
    });
    expect(Date.parse(result.order.startTime)).toBe(nowSeconds());
    expect(Date.parse(result.order.endTime) - Date.parse(result.order.startTime)).toBe(remaining);
    const state = await h.state();
    const source = state.cloudStorageOrders.find((o) => o.orderId === plan.orderId)!;
    expect(source).toMatchObject({ status: 1 });
    expect(Date.parse(source.endTimeUTC)).toBe(nowSeconds());
    expect(state.cloudStorageOrders.find((o) => o.orderId === result.order.orderId)).toMatchObject({
      iotId: to,
      identityId: 'identity-alice',
      outOrderNo: plan.outOrderNo,
    });
    expect((await h.calls()).byApi[TRANSFER]).toBe(1);
  });

  it('a device the caller only shares is refused, naming it, before any write', async () => {
    const plan = await runningPlan();
    await h.resetCalls();
    const res = await h.gql(
      MUTATION,
      { input: { fromIotId: from, orderId: plan.orderId, toIotId: shared } },
      alice,
    );
    expect(res.body.data.transferCloudStorageOrder).toMatchObject({
      __typename: 'ForbiddenError',
      message: expect.stringContaining('input.toIotId'),
    });
    const back = await h.gql(
      MUTATION,
      { input: { fromIotId: shared, orderId: plan.orderId, toIotId: from } },
      alice,
    );
    expect(back.body.data.transferCloudStorageOrder.message).toContain('input.fromIotId');
    expect((await h.calls()).byApi[TRANSFER]).toBeUndefined();
  });

  it('validation: the same device twice, an empty id, a duration out of range', async () => {
    const res = await h.gql(
      MUTATION,
      { input: { fromIotId: from, orderId: 'o-1', toIotId: from, preRecordDuration: 9 } },
      alice,
    );
    expect(res.body.data.transferCloudStorageOrder.issues).toEqual([
      { field: 'input.preRecordDuration', rule: 'must be from 0 to 5 seconds' },
      { field: 'input.toIotId', rule: 'must be another device than fromIotId' },
    ]);
    expect((await h.calls()).total).toBe(0);
  });

  it('an order not on the source is the vendor 460', async () => {
    const res = await h.gql(
      MUTATION,
      { input: { fromIotId: from, orderId: 'no-such-order', toIotId: to } },
      alice,
    );
    expect(res.body.data.transferCloudStorageOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
    });
  });

  it('past its timeout the outcome is unknown; the keyed retry finds the moved plan, once', async () => {
    const plan = await runningPlan();
    await h.setFaults([{ api: TRANSFER, latencyMs: 60_000 }]);
    const input = { fromIotId: from, orderId: plan.orderId, toIotId: to, idempotencyKey: 't-slow' };
    const first = await h.gql(MUTATION, { input }, alice);
    expect(first.body.data.transferCloudStorageOrder.__typename).toBe('OutcomeUnknownError');
    const again = await h.gql(MUTATION, { input }, alice);
    expect(again.body.data.transferCloudStorageOrder).toMatchObject({
      __typename: 'TransferCloudStorageOrderPayload',
      order: { iotId: to },
    });
    expect((await h.calls()).byApi[TRANSFER]).toBe(1);
    const onTo = (await h.state()).cloudStorageOrders.filter(
      (o) => o.iotId === to && o.outOrderNo === plan.outOrderNo,
    );
    expect(onTo).toHaveLength(1);
  });

  it('a connection broken before the vendor acted: the keyed retry finds the plan still there and moves it', async () => {
    const plan = await runningPlan();
    await h.setFaults([{ api: TRANSFER, failureRate: 1, failWith: { drop: true } }]);
    const input = { fromIotId: from, orderId: plan.orderId, toIotId: to, idempotencyKey: 't-drop' };
    const first = await h.gql(MUTATION, { input }, alice);
    expect(first.body.data.transferCloudStorageOrder.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await h.gql(MUTATION, { input }, alice);
    expect(again.body.data.transferCloudStorageOrder.__typename).toBe(
      'TransferCloudStorageOrderPayload',
    );
    expect((await h.calls()).byApi[TRANSFER]).toBe(2);
  });

  it("publishes both ends: the destination's new order and the source's ended one", async () => {
    const plan = await runningPlan();
    const ORDER_UPDATED = `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId iotId ... on CloudStorageOrder { status } } }`;
    await h.resetCalls();
    const onFrom = sseSubscribe(h.url, ORDER_UPDATED, { iotId: from }, alice);
    const onTo = sseSubscribe(h.url, ORDER_UPDATED, { iotId: to }, alice);
    try {
      // Both started once the gateway has read each device (the start's proof of access).
      await expect.poll(async () => (await h.calls()).total).toBeGreaterThanOrEqual(2);
      const res = await h.gql(
        MUTATION,
        { input: { fromIotId: from, orderId: plan.orderId, toIotId: to, immediateUse: true } },
        alice,
      );
      const moved = res.body.data.transferCloudStorageOrder.order;
      expect((await onTo.next()).data.orderUpdated).toMatchObject({
        orderId: moved.orderId,
        iotId: to,
        status: 'ACTIVE',
      });
      expect((await onFrom.next()).data.orderUpdated).toMatchObject({
        orderId: plan.orderId,
        iotId: from,
        status: 'EXPIRED',
      });
    } finally {
      onFrom.close();
      onTo.close();
    }
  });
});
