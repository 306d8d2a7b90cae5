/**
 * freezeCloudStorageOrder over HTTP against the emulator: an admin key freezes an order; a user,
 * even the device's admin, is refused before any vendor call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import type { Harness } from '../harness.js';
import { alice, operation, sellingHarness } from './selling-support.js';

const STATUS_SET = '/vision/customer/cloudstorage/status/set';
const device = DEMO_DEVICES.aliceExample;

const FREEZE = operation('freeze-cloud-storage-order');

const { get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

async function activeOrderId(): Promise<string> {
  const order = (await h.state()).cloudStorageOrders.find(
    (o) => o.iotId === device && o.status === 0,
  );
  expect(order, 'the demo device has an active order').toBeDefined();
  return order!.orderId;
}

describe('freezeCloudStorageOrder', () => {
  it('an admin key freezes the order (status 2), and reads show it', async () => {
    const orderId = await activeOrderId();
    const res = await h.gql(FREEZE, { input: { iotId: device, orderId } }, 'admin');
    expect(res.body.data.freezeCloudStorageOrder).toMatchObject({
      __typename: 'FreezeCloudStorageOrderPayload',
      order: { orderId, status: 'FROZEN' },
    });
    expect((await h.state()).cloudStorageOrders.find((o) => o.orderId === orderId)!.status).toBe(2);
    expect((await h.calls()).byApi[STATUS_SET]).toBe(1);
  });

  it("a user, even the device's admin, gets ForbiddenError before any vendor call", async () => {
    const orderId = await activeOrderId();
    const res = await h.gql(FREEZE, { input: { iotId: device, orderId } }, alice);
    expect(res.body.data.freezeCloudStorageOrder).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: null,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('an unknown order is the vendor 460; a bad input a ValidationError', async () => {
    const unknown = await h.gql(
      FREEZE,
      { input: { iotId: device, orderId: 'no-such-order' } },
      'admin',
    );
    expect(unknown.body.data.freezeCloudStorageOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
    });
    const bad = await h.gql(FREEZE, { input: { iotId: device, orderId: '' } }, 'admin');
    expect(bad.body.data.freezeCloudStorageOrder).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.orderId',
    });
  });

  it('past its timeout the outcome is unknown; the keyed retry finds it frozen and sends nothing', async () => {
    const orderId = await activeOrderId();
    await h.setFaults([{ api: STATUS_SET, latencyMs: 60_000 }]);
    const input = { iotId: device, orderId, idempotencyKey: 'freeze-slow' };
    const first = await h.gql(FREEZE, { input }, 'admin');
    expect(first.body.data.freezeCloudStorageOrder.__typename).toBe('OutcomeUnknownError');
    const again = await h.gql(FREEZE, { input }, 'admin');
    expect(again.body.data.freezeCloudStorageOrder).toMatchObject({
      order: { orderId, status: 'FROZEN' },
    });
    expect((await h.calls()).byApi[STATUS_SET]).toBe(1);
  });
});
