/**
 * Who may see what: credentials, device access as the vendor allows it, billing for admins only,
 * and the same rules for mutations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const bob = { token: 'demo-token-bob' };
const bobsDevice = DEMO_DEVICES.bobManySharedWithAlice; // bob admin, alice bound
const alicesDevice = DEMO_DEVICES.aliceExample; // alice admin, bob not bound

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const DEVICE = `query($id: String!) { device(iotId: $id) { id iotId cloudStorage { orderCount } cloudStorageOrders(first: 2) { edges { node { orderId userId } } } } }`;

describe('authentication', () => {
  it('no credentials: HTTP 401 with WWW-Authenticate, and no vendor call', async () => {
    await h.resetCalls();
    const res = await h.gql(DEVICE, { id: alicesDevice }, 'anonymous');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await h.calls()).total).toBe(0);
  });

  it('a wrong admin key is 401 too', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'not-the-admin-key-000' },
      body: JSON.stringify({ query: '{ streamingPlans { commodityCode } }' }),
    });
    expect(res.status).toBe(401);
  });

  it('a garbage token is UNAUTHENTICATED, from the vendor (2062)', async () => {
    const res = await h.gql(DEVICE, { id: alicesDevice }, { token: 'garbage-token' });
    expect(res.body.data.device).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', vendorCode: '2062' },
    });
  });

  it("GraphiQL's page loads without credentials", async () => {
    const res = await fetch(h.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });
});

describe('authorization', () => {
  it("user A reading user B's device gets FORBIDDEN and none of B's data", async () => {
    const res = await h.gql(DEVICE, { id: alicesDevice }, bob);
    expect(res.body.data).toEqual({ device: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({
      path: ['device'],
      extensions: { code: 'FORBIDDEN', vendorCode: '2065' },
    });
    // Even asking only for what the caller sent is refused.
    const bare = await h.gql(
      `query($id: String!) { device(iotId: $id) { iotId } }`,
      { id: alicesDevice },
      bob,
    );
    expect(bare.body.data).toEqual({ device: null });
    expect(bare.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('a user sees a device shared with them, and its owner sees it too', async () => {
    const shared = await h.gql(DEVICE, { id: bobsDevice }, alice);
    expect(shared.body.errors).toBeUndefined();
    expect(shared.body.data.device.iotId).toBe(bobsDevice);
    const owner = await h.gql(DEVICE, { id: bobsDevice }, bob);
    expect(owner.body.errors).toBeUndefined();
    // The same device and orders: the vendor's records, whoever of its users asks.
    expect(owner.body.data).toEqual(shared.body.data);
    const orders = (await h.state()).cloudStorageOrders.filter((o) => o.iotId === bobsDevice);
    expect(owner.body.data.device.cloudStorage.orderCount).toBe(orders.length);
    expect(orders.length).toBeGreaterThan(0);
  });

  it("user A mutating user B's device gets a ForbiddenError and nothing is created", async () => {
    const before = (await h.state()).streamingOrders.length;
    const res = await h.gql(
      `mutation($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) { __typename ... on ForbiddenError { vendorCode } } }`,
      { input: { iotId: alicesDevice, commodityCode: 'streamingResource_20_10', copies: 1 } },
      bob,
    );
    expect(res.body.data.purchaseStreamingPlan).toEqual({
      __typename: 'ForbiddenError',
      vendorCode: '2065',
    });
    expect((await h.state()).streamingOrders.length).toBe(before);
  });

  it('billing is for admins: a user gets FORBIDDEN, an admin gets the orders', async () => {
    const q = `{ billingOrders(first: 3, filter: { createdAfter: "2000-01-01T00:00:00Z" }) { totalCount edges { node { orderId } } } }`;
    await h.resetCalls();
    const user = await h.gql(q, {}, alice);
    expect(user.body.data).toBeNull();
    expect(user.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect((await h.calls()).total).toBe(0);
    const admin = await h.gql(q, {}, 'admin');
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.billingOrders.edges.length).toBe(3);
  });

  it("billingOrder on a user's order is FORBIDDEN while the order itself stands", async () => {
    const res = await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 1) { edges { node { orderId billingOrder { orderId } } } } } }`,
      { id: alicesDevice },
      alice,
    );
    expect(res.body.data.device.cloudStorageOrders.edges[0].node).toMatchObject({
      orderId: expect.any(String),
      billingOrder: null,
    });
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
