/**
 * The frontend's view: urql's core client, as a web app would configure it, drives the gateway
 * with the typed documents of schema/generated. What reads awkwardly here is awkward for them.
 */
import { cacheExchange, Client, fetchExchange, type OperationResult } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDashboardDeferredDocument,
  CloudStorageOrderListDocument,
  DeviceDashboardDocument,
  OrderUpdatedDocument,
  PurchaseStreamingPlanDocument,
  type OrderUpdatedSubscription,
  type AdminDashboardDeferredQuery,
} from '../../schema/generated/graphql.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { ADMIN_KEY, startHarness, type Harness } from '../harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** One client per credential, as an app holds one per signed-in user. */
function clientFor(headers: Record<string, string>, url = h.url, trusted = false): Client {
  return new Client({
    url,
    exchanges: trusted
      ? // Trusted documents: each typed document's manifest hash (codegen's `__meta__.hash`), no text.
        [
          cacheExchange,
          persistedExchange({ enforcePersistedQueries: true, generateHash }),
          fetchExchange,
        ]
      : [cacheExchange, fetchExchange],
    fetchOptions: { headers },
    // urql aborts an operation's fetch when its last subscriber leaves (`toPromise` after the
    // first result), which can land while undici still finishes the body and then surfaces as an
    // unhandled AbortError. These tests never cancel, so the fetch gets no signal.
    fetch: (input, init) => fetch(input, { ...init, signal: null }),
    requestPolicy: 'network-only',
  });
}
/** The bare hex of the manifest id: what `extensions.persistedQuery.sha256Hash` carries. */
const generateHash = async (_query: string, document: unknown) =>
  (document as { __meta__: { hash: string } }).__meta__.hash.replace(/^sha256:/, '');
const alice = () => clientFor({ authorization: 'Bearer demo-token-alice' });
const admin = () => clientFor({ 'x-api-key': ADMIN_KEY });

describe('urql', () => {
  it('loads the device dashboard', async () => {
    const iotIds = [DEMO_DEVICES.aliceExample, DEMO_DEVICES.aliceMany];
    const { data, error } = await alice().query(DeviceDashboardDocument, { iotIds }).toPromise();
    expect(error).toBeUndefined();
    expect(data?.devices.map((d) => d?.iotId)).toEqual(iotIds);
    const orders = data?.devices[0]?.cloudStorageOrders;
    expect(orders?.totalCount).toBeGreaterThan(0);
    expect(orders?.edges[0]?.node.price.currency).toBeTypeOf('string');
  });

  it('pages through a device’s orders with `after` to the end', async () => {
    const client = alice();
    const iotId = DEMO_DEVICES.aliceMany;
    const seen: string[] = [];
    let after: string | null | undefined;
    let totalCount = 0;
    for (let page = 0; page < 100; page++) {
      const { data, error } = await client
        .query(CloudStorageOrderListDocument, { iotId, first: 7, after })
        .toPromise();
      expect(error).toBeUndefined();
      const orders = data!.device!.cloudStorageOrders;
      totalCount = orders.totalCount;
      seen.push(...orders.edges.map((e) => e.node.orderId));
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(totalCount).toBeGreaterThan(7); // more than one page
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen).size).toBe(totalCount);
  });

  it('buys a plan and reads the union result by __typename', async () => {
    const client = alice();
    const input = {
      iotId: DEMO_DEVICES.aliceExample,
      commodityCode: 'streamingResource_20_10',
      copies: 1,
      idempotencyKey: 'urql-client-purchase-1',
    };
    const { data, error } = await client
      .mutation(PurchaseStreamingPlanDocument, { input })
      .toPromise();
    expect(error).toBeUndefined();
    const result = data!.purchaseStreamingPlan;
    if (result.__typename !== 'PurchaseStreamingPlanPayload') {
      throw new Error(`purchase failed: ${result.__typename}`);
    }
    expect(result.order.commodityCode).toBe(input.commodityCode);
    expect(result.device.iotId).toBe(input.iotId);

    // An expected failure is data too, with the field and rule to show next to the input.
    const bad = await client
      .mutation(PurchaseStreamingPlanDocument, { input: { ...input, copies: 0 } })
      .toPromise();
    const refused = bad.data!.purchaseStreamingPlan;
    expect(refused.__typename).toBe('ValidationError');
    if (refused.__typename === 'ValidationError') {
      expect(refused).toMatchObject({ field: 'input.copies', rule: expect.any(String) });
    }
  });

  it('follows an order live: a subscription over SSE shows the purchase it made', async () => {
    // Subscriptions over urql's fetch (text/event-stream); this client may cancel its fetches.
    const client = new Client({
      url: h.url,
      exchanges: [fetchExchange],
      fetchSubscriptions: true,
      fetchOptions: { headers: { authorization: 'Bearer demo-token-alice' } },
    });
    const updates: OrderUpdatedSubscription['orderUpdated'][] = [];
    const live = client
      .subscription(OrderUpdatedDocument, { iotId: DEMO_DEVICES.aliceExample })
      .subscribe((r) => {
        expect(r.error).toBeUndefined();
        updates.push(r.data!.orderUpdated);
      });
    try {
      await expect
        .poll(async () =>
          (await h.metrics()).includes('subgate_subscriptions_open{transport="sse"} 1'),
        )
        .toBe(true);
      const input = {
        iotId: DEMO_DEVICES.aliceExample,
        commodityCode: 'streamingResource_20_10',
        copies: 2,
      };
      const bought = await alice().mutation(PurchaseStreamingPlanDocument, { input }).toPromise();
      const result = bought.data!.purchaseStreamingPlan;
      if (result.__typename !== 'PurchaseStreamingPlanPayload') throw new Error(result.__typename);
      await expect.poll(() => updates.length).toBe(1);
      const update = updates[0]!;
      expect(update).toMatchObject({
        __typename: 'StreamingOrder',
        orderId: result.order.orderId,
        iotId: input.iotId,
        paymentStatus: 'UNPAID',
      });
    } finally {
      live.unsubscribe();
    }
  });

  it('renders a deferred fragment: orders first, billing when it arrives', async () => {
    const iotIds = [DEMO_DEVICES.aliceExample];
    const results: OperationResult<AdminDashboardDeferredQuery>[] = [];
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = admin()
        .query(AdminDashboardDeferredDocument, { iotIds, orders: 3 })
        .subscribe((result) => {
          results.push(result);
          if (result.error) reject(result.error);
          if (!result.hasNext) {
            unsubscribe();
            resolve();
          }
        });
    });
    expect(results.length).toBeGreaterThanOrEqual(2);
    const nodes = (r: OperationResult<AdminDashboardDeferredQuery>) =>
      r.data!.devices[0]!.cloudStorageOrders.edges.map((e) => e.node);
    // The first render has the orders without billing; the last has both.
    expect(results[0]!.hasNext).toBe(true);
    expect(nodes(results[0]!).length).toBeGreaterThan(0);
    for (const node of nodes(results[0]!)) expect(node.billingOrder).toBeUndefined();
    const last = nodes(results.at(-1)!);
    expect(last.map((n) => n.orderId)).toEqual(nodes(results[0]!).map((n) => n.orderId));
    for (const node of last) expect(node).toHaveProperty('billingOrder');
    expect(last.some((n) => n.billingOrder?.orderId === n.outOrderNo)).toBe(true);
  });
});

describe('urql with GATEWAY_TRUSTED_DOCUMENTS=only', () => {
  let only: Harness;
  beforeAll(async () => {
    only = await startHarness({ env: { GATEWAY_TRUSTED_DOCUMENTS: 'only' } });
  });
  afterAll(() => only?.close());

  it('a user’s app runs its typed documents by id; ad-hoc text is refused', async () => {
    const headers = { authorization: 'Bearer demo-token-alice' };
    const iotIds = [DEMO_DEVICES.aliceExample];
    const byId = await clientFor(headers, only.url, true)
      .query(DeviceDashboardDocument, { iotIds })
      .toPromise();
    expect(byId.error).toBeUndefined();
    expect(byId.data?.devices[0]?.iotId).toBe(iotIds[0]);
    const adHoc = await clientFor(headers, only.url)
      .query(DeviceDashboardDocument, { iotIds })
      .toPromise();
    expect(adHoc.data).toBeUndefined();
    expect(adHoc.error?.graphQLErrors[0]?.extensions.code).toBe('TRUSTED_DOCUMENTS_ONLY');
  });
});
