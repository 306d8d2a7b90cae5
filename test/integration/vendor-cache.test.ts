/**
 * The shared short-TTL cache of vendor reads (issue 6): a repeated read costs no vendor call, a
 * caller is never served another caller's reads, and a mutation drops the device's entries for
 * every caller before it returns.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const bob = { token: 'demo-token-bob' };
const carol = { token: 'demo-token-carol' };

const ORDERS = /* GraphQL */ `
  query Orders($iotId: String!) {
    device(iotId: $iotId) {
      cloudStorage {
        orderCount
      }
      cloudStorageOrders(first: 5) {
        totalCount
        edges {
          node {
            orderId
            outOrderNo
          }
        }
      }
    }
  }
`;

const STREAMING = /* GraphQL */ `
  query Streaming($iotId: String!) {
    device(iotId: $iotId) {
      streamingOrders(first: 50) {
        totalCount
        edges {
          node {
            orderId
          }
        }
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
        }
      }
    }
  }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { VENDOR_CACHE_TTL_MS: '60000' } });
});
afterAll(() => h?.close());
beforeEach(() => h.resetCalls());

describe('shared vendor-read cache', () => {
  it('answers a repeated request with no vendor call', async () => {
    const vars = { iotId: DEMO_DEVICES.aliceMany };
    const first = await h.gql(ORDERS, vars, alice);
    expect(first.body.errors).toBeUndefined();
    expect((await h.calls()).total).toBeGreaterThan(0);
    await h.resetCalls();
    const second = await h.gql(ORDERS, vars, alice);
    expect(second.body.data).toEqual(first.body.data);
    expect((await h.calls()).total).toBe(0);
  });

  it('is per caller: one user is never served what another caller read', async () => {
    // bob administers the device and shares it with alice: both may read it, each pays a call.
    const vars = { iotId: DEMO_DEVICES.bobManySharedWithAlice };
    expect((await h.gql(ORDERS, vars, bob)).body.errors).toBeUndefined();
    await h.resetCalls();
    expect((await h.gql(ORDERS, vars, alice)).body.errors).toBeUndefined();
    expect((await h.calls()).total).toBeGreaterThan(0);
    // carol is not bound to it: her request reaches the vendor, which refuses her.
    await h.resetCalls();
    const refused = await h.gql(ORDERS, vars, carol);
    expect(refused.body.data?.device ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.calls()).total).toBeGreaterThan(0);
  });

  it("never serves an admin's reads to a user", async () => {
    const vars = { iotId: DEMO_DEVICES.aliceMany };
    expect((await h.gql(ORDERS, vars, 'admin')).body.errors).toBeUndefined();
    await h.resetCalls();
    const refused = await h.gql(ORDERS, vars, carol); // carol may not see alice's device
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.calls()).total).toBeGreaterThan(0);
  });

  it("drops a device's entries for every caller when a mutation changes it", async () => {
    const vars = { iotId: DEMO_DEVICES.aliceExample }; // alice administers it, carol shares it
    const before = await h.gql(STREAMING, vars, carol);
    const count = before.body.data.device.streamingOrders.totalCount as number;
    expect((await h.gql(STREAMING, vars, alice)).body.errors).toBeUndefined();
    await h.resetCalls();
    expect((await h.gql(STREAMING, vars, carol)).body.data).toEqual(before.body.data); // cached
    expect((await h.calls()).total).toBe(0);

    const bought = await h.gql(
      PURCHASE,
      { input: { iotId: vars.iotId, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    expect(bought.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
    const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;

    for (const who of [alice, carol]) {
      const after = await h.gql(STREAMING, vars, who);
      expect(after.body.data.device.streamingOrders.totalCount).toBe(count + 1);
      const ids = after.body.data.device.streamingOrders.edges.map((e: any) => e.node.orderId);
      expect(ids).toContain(orderId);
    }
  });
});
