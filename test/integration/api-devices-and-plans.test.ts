/**
 * The screens a frontend shows before it sells, over the wire: the signed-in user's devices
 * (windows over the binding list against the vendor's own list, filters, roles), binding fields
 * of a device reached by id (one list read), the admin key's `viewer`, the shared cloud-storage
 * catalogue, availability (validated, batched) and the free plan. Vendor calls counted exactly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_DEVICES,
  DEMO_EXAMPLE,
  generateDataset,
  DEMO_SEED,
} from '../../src/emulator/dataset.js';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { exampleQuery } from '../../src/server/graphiql-example.js';
import { authHeaders, startHarness, type Harness } from '../harness.js';
import { listAllBindings } from './vendor-list.js';

const BINDINGS = '/uc/listBindingByAccount';
const PLANS = '/vision/customer/cloudstorage/commodity/query';
const CHECK = '/vision/customer/cloudstorage/commodity/check';
const FREE = '/vision/customer/freecloudstorage/get';
const ALICE = { token: 'demo-token-alice' };
const CAROL = { token: 'demo-token-carol' };
const EVE = { token: 'token-eve-no-devices' };
/** Binding pages of 7 rows, so alice's list spans several vendor pages. */
const PAGE = 7;

const WINDOW = /* GraphQL */ `
  query Window($first: Int, $after: String, $last: Int, $before: String, $filter: DeviceFilter) {
    viewer {
      devices(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          cursor
          node {
            iotId
            role
            status
          }
        }
      }
    }
  }
`;

const dataset: Dataset = generateDataset({ seed: DEMO_SEED, now: Date.UTC(2025, 0, 15) });
dataset.users.push({ identityId: 'identity-eve', iotToken: EVE.token, userName: 'eve' });

let h: Harness;
let vendorList: { iotId: string; role: string; status: string }[];
const cursorAt = new Map<number, string>();

const bindingCalls = async () => (await h.calls()).byApi[BINDINGS] ?? 0;

async function window(vars: Record<string, unknown>, as: object = ALICE) {
  const res = await h.gql(WINDOW, vars, as as never);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.viewer.devices;
}

beforeAll(async () => {
  h = await startHarness({ dataset, env: { ILOP_BINDING_PAGE_SIZE: String(PAGE) } });
  vendorList = await listAllBindings(h.emulatorUrl, ALICE.token);
  expect(vendorList.length).toBeGreaterThan(2 * PAGE);
  expect(vendorList.length).toBeLessThanOrEqual(3 * PAGE);
  const all = await window({ first: 100 });
  all.edges.forEach((e: { cursor: string }, i: number) => cursorAt.set(i, e.cursor));
});
afterAll(() => h?.close());
beforeEach(() => h.resetCalls());

describe('viewer.devices: windows over the binding list', () => {
  const ids = (c: { edges: { node: { iotId: string } }[] }) => c.edges.map((e) => e.node.iotId);

  it('every window equals slicing the vendor list, with exact pageInfo, from the fewest pages', async () => {
    const n = vendorList.length;
    const cases: [Record<string, unknown>, number, number, number][] = [
      // vars, start, end, vendor pages (1-based pages of ≤ PAGE rows covering the window)
      [{ first: 3 }, 0, 3, 1],
      [{ first: 5, after: 'at:5' }, 6, 11, 1],
      [{ first: 3 * PAGE }, 0, n, 3], // the list is shorter than the window: its pages, and no more
      [{ last: 4 }, n - 4, n, 2], // the first page tells the total, then the last one
      [{ last: 3, before: 'at:10' }, 7, 10, 1],
      [{ first: 2, after: `at:${n - 1}` }, n, n, 1],
    ];
    for (const [vars, start, end, pages] of cases) {
      const resolved = Object.fromEntries(
        Object.entries(vars).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('at:') ? cursorAt.get(Number(v.slice(3))) : v,
        ]),
      );
      await h.resetCalls();
      const c = await window(resolved);
      expect(ids(c), JSON.stringify(vars)).toEqual(
        vendorList.slice(start, end).map((d) => d.iotId),
      );
      expect(c.totalCount).toBe(n);
      expect(c.pageInfo.hasPreviousPage).toBe(start > 0);
      expect(c.pageInfo.hasNextPage).toBe(end < n);
      expect(await bindingCalls(), JSON.stringify(vars)).toBe(pages);
    }
  });

  it('each new call is in the vendor metrics by API, through the pipeline', async () => {
    await h.gql(
      readFileSync('schema/operations/cloud-storage-plans.graphql', 'utf8'),
      {
        iotId: DEMO_EXAMPLE.iotId,
        commodityCode: 'ilopLVCloudResource',
        specification: 'eventResource_7',
      },
      ALICE,
    );
    await window({ first: 1 });
    const metrics = await h.metrics();
    for (const api of [BINDINGS, PLANS, CHECK, FREE])
      expect(metrics, api).toMatch(
        new RegExp(`subgate_vendor_calls_total\\{[^}]*api="${api}"[^}]*outcome="ok"`),
      );
  });

  it('an empty list: no edges, totalCount 0, one vendor call', async () => {
    const c = await window({ first: 5 }, EVE);
    expect(c).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
    expect(await bindingCalls()).toBe(1);
  });

  it('role and status filters keep exactly the matching devices, counted and paged', async () => {
    const shared = vendorList.filter((d) => d.role === 'SHARED');
    const c = await window({ first: 100, filter: { role: ['SHARED'] } });
    expect(ids(c)).toEqual(shared.map((d) => d.iotId));
    expect(c.totalCount).toBe(shared.length);
    expect(await bindingCalls()).toBe(Math.ceil(vendorList.length / PAGE));

    const offline = vendorList.filter(
      (d) => d.role === 'OWNER' && ['OFFLINE', 'INACTIVE'].includes(d.status),
    );
    expect(offline.length).toBeGreaterThan(1);
    const filter = { role: ['OWNER'], status: ['OFFLINE', 'INACTIVE'] };
    const firstOne = await window({ first: 1, filter });
    expect(ids(firstOne)).toEqual([offline[0]!.iotId]);
    expect(firstOne.totalCount).toBe(offline.length);
    expect(firstOne.pageInfo.hasNextPage).toBe(true);
    const rest = await window({ first: 100, after: firstOne.pageInfo.endCursor, filter });
    expect(ids(rest)).toEqual(offline.slice(1).map((d) => d.iotId));
    // A cursor belongs to its filter.
    const other = await h.gql(WINDOW, { first: 1, after: firstOne.pageInfo.endCursor }, ALICE);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('an empty filter list is BAD_USER_INPUT naming it, before any call', async () => {
    const res = await h.gql(WINDOW, { first: 1, filter: { status: [] } }, ALICE);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.status',
    });
    expect((await h.calls()).total).toBe(0);
  });

  it("a device shared with the user is SHARED and not owned; the admin's is OWNER", async () => {
    const res = await h.gql(
      `{ viewer { devices(first: 100) { edges { node { iotId role owned name } } } } }`,
      {},
      ALICE,
    );
    const node = (iotId: string) =>
      res.body.data.viewer.devices.edges.find((e: any) => e.node.iotId === iotId)?.node;
    expect(node(DEMO_DEVICES.bobManySharedWithAlice)).toMatchObject({
      role: 'SHARED',
      owned: false,
    });
    expect(node(DEMO_EXAMPLE.iotId)).toMatchObject({ role: 'OWNER', owned: true });
    // name: nickName, else deviceName (device 1 has no nickName).
    const d1 = dataset.devices.find((d) => d.iotId === DEMO_DEVICES.bobManySharedWithAlice)!;
    expect(d1.nickName).toBeNull();
    expect(node(DEMO_DEVICES.bobManySharedWithAlice).name).toBe(d1.deviceName);
    const d2 = dataset.devices.find((d) => d.iotId === DEMO_EXAMPLE.iotId)!;
    expect(node(DEMO_EXAMPLE.iotId).name).toBe(d2.nickName);
  });
});

describe('an admin key has no user', () => {
  it('viewer is null with FORBIDDEN; binding fields of a device are null, with no list read', async () => {
    const res = await h.gql(
      `{ viewer { devices { totalCount } } device(iotId: "${DEMO_EXAMPLE.iotId}") { iotId name status role owned } }`,
      {},
      'admin',
    );
    expect(res.body.data).toEqual({
      viewer: null,
      device: { iotId: DEMO_EXAMPLE.iotId, name: null, status: null, role: null, owned: null },
    });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({
      path: ['viewer'],
      extensions: { code: 'FORBIDDEN', rule: 'needs a user token' },
    });
    expect((await h.calls()).total).toBe(0);
  });
});

describe('a device reached by id', () => {
  it("reads its binding fields from the caller's list, once for every device", async () => {
    const mine = vendorList.map((d) => d.iotId);
    const res = await h.gql(
      `query ($ids: [String!]!) { devices(iotIds: $ids) { iotId name productKey role } }`,
      { ids: mine },
      ALICE,
    );
    expect(res.body.errors).toBeUndefined();
    const byId = new Map(dataset.devices.map((d) => [d.iotId, d]));
    for (const d of res.body.data.devices) {
      const want = byId.get(d.iotId)!;
      expect(d).toMatchObject({
        name: want.nickName ?? want.deviceName,
        productKey: want.productKey,
      });
    }
    // The whole list once (its pages), not one read per device.
    expect(await bindingCalls()).toBe(Math.ceil(mine.length / PAGE));
  });

  it('node(id) resolves them the same way', async () => {
    const id = Buffer.from(`Device:${DEMO_EXAMPLE.iotId}`).toString('base64');
    const res = await h.gql(
      `query ($id: ID!) { node(id: $id) { ... on Device { name role } } }`,
      { id },
      CAROL,
    );
    expect(res.body.data.node).toEqual({
      name: dataset.devices.find((d) => d.iotId === DEMO_EXAMPLE.iotId)!.nickName,
      role: 'SHARED',
    });
  });
});

describe('cloudStoragePlans', () => {
  it('typed, filtered by recordType, and read once for every caller', async () => {
    const q = `{ cloudStoragePlans(filter: { recordType: [CONTINUOUS] }) { commodityCode specification name recordType videoRetentionDays months price { amount currency } } }`;
    const a = await h.gql(q, {}, ALICE);
    const want = dataset.cloudStorageCommodities
      .filter((c) => c.recordType === 1)
      .map((c) => ({
        commodityCode: c.commodityCode,
        specification: c.specification,
        name: c.commodityName,
        recordType: 'CONTINUOUS',
        videoRetentionDays: c.lifecycle,
        months: c.months,
        price: { amount: c.price, currency: 'CNY' },
      }));
    expect(a.body.data.cloudStoragePlans).toEqual(want);
    expect((await h.gql(q, {}, CAROL)).body.data.cloudStoragePlans).toEqual(want);
    expect((await h.gql(q, {}, 'admin')).body.data.cloudStoragePlans).toEqual(want);
    expect((await h.calls()).byApi[PLANS] ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('Device.cloudStoragePlanAvailability', () => {
  it('batched: one check per distinct device and plan', async () => {
    await h.gql(`{ cloudStoragePlans { commodityCode } }`, {}, ALICE); // the catalogue, cached
    await h.resetCalls();
    const q = `query ($ids: [String!]!) { devices(iotIds: $ids) {
      iotId
      event: cloudStoragePlanAvailability(commodityCode: "ilopLVCloudResource", specification: "eventResource_7") { available reason }
      again: cloudStoragePlanAvailability(commodityCode: "ilopLVCloudResource", specification: "eventResource_7") { available }
      full: cloudStoragePlanAvailability(commodityCode: "ilopLVCloudResource", specification: "fullTimeResource_30") { available }
    } }`;
    const ids = [DEMO_DEVICES.carolNoOrders, DEMO_EXAMPLE.iotId, DEMO_DEVICES.aliceMany];
    const res = await h.gql(q, { ids }, ALICE);
    expect(res.body.errors).toBeUndefined();
    expect(
      res.body.data.devices.map((d: any) => [
        d.event.available,
        d.again.available,
        d.full.available,
      ]),
    ).toEqual([
      [false, false, true],
      [true, true, true],
      [true, true, true],
    ]);
    expect(res.body.data.devices[0].event.reason).toBeNull();
    const calls = await h.calls();
    expect(calls.byApi[CHECK]).toBe(6);
    expect(calls.byApi[PLANS] ?? 0).toBe(0);
  });

  it('an unknown commodityCode or specification is BAD_USER_INPUT naming it, with no check', async () => {
    for (const [code, spec, field] of [
      ['nope', 'eventResource_7', 'commodityCode'],
      ['ilopLVCloudResource', 'eventResource_999', 'specification'],
    ]) {
      const res = await h.gql(
        `{ device(iotId: "${DEMO_EXAMPLE.iotId}") { cloudStoragePlanAvailability(commodityCode: "${code}", specification: "${spec}") { available } } }`,
        {},
        'admin',
      );
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await h.calls()).byApi[CHECK] ?? 0).toBe(0);
  });
});

describe('Device.freeCloudStorage', () => {
  it('the states of the demo: unclaimed, used, none; one read per device', async () => {
    const q = `query ($ids: [String!]!) { devices(iotIds: $ids) { iotId freeCloudStorage {
      available offered claimed remainingQuota recordType videoRetentionDays months startsAt endsAt expired } } }`;
    const ids = [DEMO_EXAMPLE.iotId, DEMO_DEVICES.aliceMany, DEMO_DEVICES.noAdmin];
    const res = await h.gql(q, { ids }, 'admin');
    expect(res.body.errors).toBeUndefined();
    const [unclaimed, used, none] = res.body.data.devices.map((d: any) => d.freeCloudStorage);
    expect(unclaimed).toMatchObject({
      available: true,
      offered: true,
      claimed: false,
      remainingQuota: 1,
      startsAt: null,
      expired: false,
      recordType: 'EVENT',
      videoRetentionDays: 7,
      months: 1,
    });
    expect(used).toMatchObject({
      available: false,
      claimed: true,
      remainingQuota: 0,
      expired: true,
    });
    expect(Date.parse(used.endsAt)).toBeGreaterThan(Date.parse(used.startsAt));
    expect(none).toMatchObject({ available: false, offered: false });
    expect((await h.calls()).byApi[FREE]).toBe(3);
  });
});

describe('with the shared cache on', () => {
  let cached: Harness;
  beforeAll(async () => {
    cached = await startHarness({ dataset, env: { VENDOR_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => cached?.close());

  it("one binding-list read per caller per TTL; never one caller's list for another", async () => {
    const q = `{ viewer { devices(first: 50) { totalCount edges { node { iotId role } } } } }`;
    const calls = async () => (await cached.calls()).byApi[BINDINGS] ?? 0;
    const a1 = await cached.gql(q, {}, ALICE);
    const a2 = await cached.gql(q, {}, ALICE);
    expect(a2.body.data).toEqual(a1.body.data);
    expect(await calls()).toBe(1);
    const c = await cached.gql(q, {}, CAROL);
    expect(await calls()).toBe(2);
    expect(c.body.data.viewer.devices.totalCount).not.toBe(a1.body.data.viewer.devices.totalCount);
    // A device by id answers its binding fields from the same cached list.
    await cached.gql(`{ device(iotId: "${DEMO_EXAMPLE.iotId}") { name } }`, {}, ALICE);
    expect(await calls()).toBe(2);
  });
});

describe("the screens' operations and the GraphiQL example", () => {
  it('schema/operations/my-devices and cloud-storage-plans run for a user without errors', async () => {
    const my = await h.gql(readFileSync('schema/operations/my-devices.graphql', 'utf8'), {}, ALICE);
    expect(my.body.errors).toBeUndefined();
    expect(my.body.data.viewer.devices.totalCount).toBe(vendorList.length);
    const plans = await h.gql(
      readFileSync('schema/operations/cloud-storage-plans.graphql', 'utf8'),
      {
        iotId: DEMO_EXAMPLE.iotId,
        commodityCode: 'ilopLVCloudResource',
        specification: 'fullTimeResource_7',
      },
      ALICE,
    );
    expect(plans.body.errors).toBeUndefined();
    expect(plans.body.data.device.cloudStoragePlanAvailability.available).toBe(true);
  });

  it("GraphiQL's MyDevicesAndPlans example runs for a user", async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(ALICE) },
      body: JSON.stringify({
        query: exampleQuery(DEMO_EXAMPLE.iotId),
        operationName: 'MyDevicesAndPlans',
      }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer.devices.totalCount).toBe(vendorList.length);
    expect(body.data.cloudStoragePlans.length).toBe(dataset.cloudStorageCommodities.length);
  });
});
