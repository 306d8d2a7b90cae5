/**
 * N+1: a 50-device dashboard makes one order-list call per device and one GetOrderDetail per
 * distinct outOrderNo; a failing device nulls only itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';

const DASHBOARD = /* GraphQL */ `
  query Dashboard($iotIds: [String!]!) {
    devices(iotIds: $iotIds) {
      iotId
      cloudStorage {
        activePlan {
          orderId
        }
        serviceEndsAt
        recordType
      }
      cloudStorageOrders(first: 10) {
        totalCount
        edges {
          node {
            orderId
            outOrderNo
            billingOrder {
              orderId
              paymentStatus
            }
          }
        }
      }
    }
  }
`;

let h: Harness;
let dataset: Dataset;
let iotIds: string[];

beforeAll(async () => {
  dataset = generateDataset({
    seed: 11,
    now: Date.parse('2026-06-01T00:00:00Z'),
    devices: 50,
    ordersPerDevice: 12,
  });
  iotIds = dataset.devices.map((d) => d.iotId);
  // The vendor's limit is off here: one dashboard's hundreds of GetOrderDetail calls are counted, not paced.
  h = await startHarness({ dataset, emulatorBssQps: 0 });
});
afterAll(() => h?.close());

describe('batching', () => {
  it('makes one order page per device and one GetOrderDetail per distinct outOrderNo', async () => {
    await h.resetCalls();
    const res = await h.gql(DASHBOARD, { iotIds });
    expect(res.body.errors).toBeUndefined();
    const devices = res.body.data.devices;
    expect(devices).toHaveLength(50);
    const outOrderNos = new Set<string>();
    for (const d of devices) {
      expect(d.cloudStorageOrders.totalCount).toBe(12);
      expect(d.cloudStorageOrders.edges).toHaveLength(10);
      for (const { node } of d.cloudStorageOrders.edges) {
        if (node.outOrderNo) {
          outOrderNos.add(node.outOrderNo);
          expect(node.billingOrder.orderId).toBe(node.outOrderNo);
        }
      }
    }
    expect(outOrderNos.size).toBeGreaterThan(0);
    const calls = await h.calls();
    expect(calls.byApi[ORDER_QUERY]).toBe(50);
    expect(calls.byApi['GetOrderDetail']).toBe(outOrderNos.size);
    expect(calls.total).toBe(50 + outOrderNos.size);
  });

  it('reads a repeated iotId once and answers it at each of its positions', async () => {
    await h.resetCalls();
    const res = await h.gql(
      `query($ids: [String!]!) { devices(iotIds: $ids) { iotId cloudStorage { orderCount } } }`,
      {
        ids: [iotIds[0], iotIds[1], iotIds[0]],
      },
    );
    expect(res.body.data.devices.map((d: any) => d.iotId)).toEqual([
      iotIds[0],
      iotIds[1],
      iotIds[0],
    ]);
    expect((await h.calls()).byApi[ORDER_QUERY]).toBe(2);
  });

  it('refuses more than 100 devices before any vendor call', async () => {
    await h.resetCalls();
    const ids = Array.from({ length: 101 }, (_, i) => `device-${i}`);
    const res = await h.gql(`query($ids: [String!]!) { devices(iotIds: $ids) { iotId } }`, { ids });
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'iotIds: must name at most 100 devices',
      extensions: { code: 'BAD_USER_INPUT', field: 'iotIds' },
    });
    expect((await h.calls()).total).toBe(0);
  });
});

describe('partial results', () => {
  /** A new user bound to the first `count` devices; the vendor refuses it the others. */
  async function userBoundTo(count: number, name: string) {
    const user = { identityId: `identity-${name}`, iotToken: `token-${name}`, userName: name };
    const devices = dataset.devices.map((d, i) => ({
      ...d,
      boundIdentityIds: i < count ? [...d.boundIdentityIds, user.identityId] : d.boundIdentityIds,
    }));
    await h.setState({ ...dataset, users: [...dataset.users, user], devices });
    return user;
  }

  it('nulls only the device the vendor refuses, with one coded error', async () => {
    // A user bound to 49 of the 50 devices: the vendor answers 2065 for the last one.
    const user = await userBoundTo(49, 'partial');
    const res = await h.gql(
      `query($iotIds: [String!]!) { devices(iotIds: $iotIds) { iotId cloudStorage { orderCount } cloudStorageOrders(first: 5) { totalCount } } }`,
      { iotIds },
      { token: user.iotToken },
    );
    const data = res.body.data.devices;
    expect(data.filter((d: any) => d !== null)).toHaveLength(49);
    expect(data[49]).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({
      // A user's device is checked before its fields: the error sits on the device itself.
      path: ['devices', 49],
      extensions: { code: 'FORBIDDEN', vendor: 'ilop', vendorCode: '2065' },
    });
    expect(res.body.errors![0]!.extensions.requestId).toEqual(expect.any(String));
    await h.setState(dataset);
  });

  it("reports each device's error at the caller's index, repeats included, last item too", async () => {
    // A user bound to devices 0 and 1 only: the vendor refuses device 2 (2065).
    const user = await userBoundTo(2, 'index');
    const [a, b, forbidden] = iotIds;
    const query = `query($ids: [String!]!) { devices(iotIds: $ids) { iotId } }`;
    const ask = (ids: string[]) => h.gql(query, { ids }, { token: user.iotToken });

    await h.resetCalls();
    const repeated = await ask([a!, a!, forbidden!]);
    expect(repeated.body.data.devices).toEqual([{ iotId: a }, { iotId: a }, null]);
    expect(repeated.body.errors?.map((e: any) => e.path)).toEqual([['devices', 2]]);
    expect(repeated.body.errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN', vendorCode: '2065' },
    });
    expect((await h.calls()).byApi[ORDER_QUERY]).toBe(2); // a repeated id is read once

    // A repeated refused id fails at each of its positions; a failing last item is kept.
    const twice = await ask([forbidden!, b!, forbidden!]);
    expect(twice.body.data.devices).toEqual([null, { iotId: b }, null]);
    expect(twice.body.errors?.map((e: any) => e.path)).toEqual([
      ['devices', 0],
      ['devices', 2],
    ]);

    // Bad input names the caller's index too.
    const bad = await ask([a!, a!, '']);
    expect(bad.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'iotIds[2]' },
    });
    await h.setState(dataset);
  });
});
