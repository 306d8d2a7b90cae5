/**
 * The shared short-TTL cache of vendor reads: a repeated read costs no vendor call, a
 * caller is never served another caller's reads, and a mutation drops the device's entries for
 * every caller before it returns. And the response cache over it: a query result is reused, per
 * caller, only while every vendor read behind it is still a fresh, unchanged entry; errors, stale
 * reads and mutations never leave a result behind to be served.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { manualClock, startHarness, type As, type Harness } from '../harness.js';
import { counted } from './ops-support.js';

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

/** Device reads and billing (admin only) behind one result. */
const DASHBOARD = `query Dashboard($iotId: String!) { device(iotId: $iotId) {
  cloudStorageOrders(first: 5) { totalCount edges { node { orderId billingOrder { orderId } } } }
  streamingOrders(first: 50) { totalCount } } }`;

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

async function responseLookups(h: Harness) {
  const text = await fetch(h.url.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
  const count = (result: string) =>
    counted(text, 'subgate_cache_lookups_total', { cache: 'response', result });
  return { hit: count('hit'), miss: count('miss') };
}

/** Cold (vendor calls), then warm (every read a fresh hit: the result is stored). */
async function warm(h: Harness, vars: Record<string, unknown>, as: As) {
  for (let i = 0; i < 2; i++)
    expect((await h.gql(DASHBOARD, vars, as)).body.errors).toBeUndefined();
}

describe('response cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VENDOR_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.resetCalls());

  it('answers with the stored result while every read behind it stands', async () => {
    const vars = { iotId: DEMO_DEVICES.aliceMany };
    await warm(h, vars, 'admin');
    const stored = await h.gql(DASHBOARD, vars, 'admin'); // the warm request's result
    await h.resetCalls();
    const before = await responseLookups(h);
    const again = await h.gql(DASHBOARD, vars, 'admin');
    expect(again.body.data).toEqual(stored.body.data);
    expect((await responseLookups(h)).hit).toBe(before.hit + 1);
    expect((await h.calls()).total).toBe(0);
    // The request id is the request's own, not the stored one's.
    const ids = [stored, again].map((r) => (r.body as any).extensions.requestId);
    expect(ids[1]).toEqual(expect.any(String));
    expect(ids[1]).not.toBe(ids[0]);
    // Other variables are another result.
    const other = await h.gql(DASHBOARD, { iotId: DEMO_DEVICES.aliceExample }, 'admin');
    expect(other.body.data.device).not.toEqual(stored.body.data.device);
    expect((await responseLookups(h)).hit).toBe(before.hit + 1);
  });

  it('is per caller: another caller with the same query and variables is not served it', async () => {
    // bob administers the device and shares it with alice: both may read it.
    const vars = { iotId: DEMO_DEVICES.bobManySharedWithAlice };
    for (let i = 0; i < 3; i++) await h.gql(ORDERS, vars, bob);
    const before = await responseLookups(h);
    expect(before.hit).toBeGreaterThan(0);
    await h.resetCalls();
    const asAlice = await h.gql(ORDERS, vars, alice);
    expect(asAlice.body.errors).toBeUndefined();
    expect((await h.calls()).total).toBeGreaterThan(0);
    expect((await responseLookups(h)).hit).toBe(before.hit);
  });

  it('never stores a result with errors', async () => {
    const vars = { iotId: DEMO_DEVICES.aliceMany }; // carol may not see it
    const before = await responseLookups(h);
    for (let i = 0; i < 3; i++) {
      await h.resetCalls();
      const refused = await h.gql(DASHBOARD, vars, carol);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect((await h.calls()).total).toBeGreaterThan(0);
    }
    expect((await responseLookups(h)).hit).toBe(before.hit);
  });

  it("retires a device's stored results for every caller when a mutation changes it", async () => {
    const vars = { iotId: DEMO_DEVICES.aliceExample }; // alice administers it, carol shares it
    const QUERY = `query($iotId: String!) { device(iotId: $iotId) { streamingOrders(first: 50) { totalCount } } }`;
    const callers = [carol, alice, 'admin'] as const;
    const counts: number[] = [];
    for (const caller of callers) {
      for (let i = 0; i < 3; i++) await h.gql(QUERY, vars, caller);
      const before = await responseLookups(h);
      counts.push((await h.gql(QUERY, vars, caller)).body.data.device.streamingOrders.totalCount);
      expect((await responseLookups(h)).hit).toBe(before.hit + 1); // each has a stored result
    }
    const bought = await h.gql(
      PURCHASE,
      { input: { iotId: vars.iotId, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    expect(bought.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
    const before = await responseLookups(h);
    for (const [i, caller] of callers.entries()) {
      const after = await h.gql(QUERY, vars, caller);
      expect(after.body.data.device.streamingOrders.totalCount, JSON.stringify(caller)).toBe(
        counts[i]! + 1,
      );
    }
    expect((await responseLookups(h)).hit).toBe(before.hit); // none served a stored result
  });
});

describe('response cache with a short vendor-cache TTL', () => {
  let h: Harness;
  // Time passes only when the test says so: a slow host cannot age an entry early.
  const clock = manualClock();
  beforeAll(async () => {
    h = await startHarness({ env: { VENDOR_CACHE_TTL_MS: '300' }, now: clock.now });
  });
  afterAll(() => h?.close());

  it('past the TTL: one request refreshes, the stored result stands while the answer is the same', async () => {
    const vars = { iotId: DEMO_DEVICES.aliceExample };
    await warm(h, vars, 'admin');
    const stored = await h.gql(DASHBOARD, vars, 'admin');
    const start = await responseLookups(h);
    clock.advance(350); // every entry stale, no refresh under way
    await h.resetCalls();
    expect((await h.gql(DASHBOARD, vars, 'admin')).body.data).toEqual(stored.body.data);
    const refreshing = await responseLookups(h);
    expect(refreshing.hit).toBe(start.hit); // executed: served stale entries, started refreshes
    // The refreshes reach the vendor (and land, with the same answers and new freshness).
    await vi.waitFor(async () => expect((await h.calls()).total).toBeGreaterThan(0));
    expect((await h.gql(DASHBOARD, vars, 'admin')).body.data).toEqual(stored.body.data);
    expect((await responseLookups(h)).hit).toBe(refreshing.hit + 1);
  });

  it('a refresh that brings a changed answer retires the stored result', async () => {
    const vars = { iotId: DEMO_DEVICES.aliceExample };
    await warm(h, vars, 'admin');
    const before = await h.gql(DASHBOARD, vars, 'admin');
    const total = before.body.data.device.cloudStorageOrders.totalCount as number;
    // The vendor loses one of the device's orders behind our back.
    const state = await h.state();
    const gone = state.cloudStorageOrders.findIndex((o) => o.iotId === vars.iotId);
    state.cloudStorageOrders.splice(gone, 1);
    await h.setState(state);
    clock.advance(350);
    await h.gql(DASHBOARD, vars, 'admin'); // stale answer, refresh started
    // Once the refresh has landed (a few ms here; polled, for a slow host), the new answer shows.
    let seen = total;
    for (let i = 0; i < 200 && seen === total; i++) {
      await sleep(25);
      seen = (await h.gql(DASHBOARD, vars, 'admin')).body.data.device.cloudStorageOrders.totalCount;
    }
    expect(seen).toBe(total - 1);
  });
});

describe('response cache at its cap (RESPONSE_CACHE_ENTRIES)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VENDOR_CACHE_TTL_MS: '60000', RESPONSE_CACHE_ENTRIES: '1' } });
  });
  afterAll(() => h?.close());

  it('keeps at most that many results, dropping the oldest', async () => {
    const first = { iotId: DEMO_DEVICES.aliceMany };
    const second = { iotId: DEMO_DEVICES.aliceExample };
    await warm(h, first, 'admin');
    const stored = await responseLookups(h);
    await h.gql(DASHBOARD, first, 'admin');
    expect((await responseLookups(h)).hit).toBe(stored.hit + 1);
    await warm(h, second, 'admin'); // stores the second result, dropping the first
    const before = await responseLookups(h);
    await h.gql(DASHBOARD, first, 'admin');
    expect((await responseLookups(h)).hit).toBe(before.hit);
  });
});
