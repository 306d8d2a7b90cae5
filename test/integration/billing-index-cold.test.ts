/**
 * A fresh gateway's first request for many billing orders, BSS at 10 calls per second per API:
 * the index is still empty, so every order misses; each miss's GetOrderDetail is raced against
 * the start-up sweep, which lists 20 orders a call, and the sweep brings most of them first
 * (docs/billing-index.md, cold start).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { billingAccount } from '../bench/billing-dataset.js';
import { startHarness, type Harness } from '../harness.js';
import { sample, throttledCalls } from './ops-support.js';

const NODES = /* GraphQL */ `
  query ($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on BillingOrder {
        orderId
        paymentStatus
      }
    }
  }
`;
const nodeId = (orderId: string) => Buffer.from(`BillingOrder:${orderId}`).toString('base64');

let h: Harness;
let dataset: Dataset;
beforeAll(async () => {
  dataset = billingAccount(8, 6, { billingOrders: 300 });
  h = await startHarness({ dataset, env: { BILLING_INDEX: 'true', BSS_QPS: '10' } });
});
afterAll(() => h?.close());

describe('billing index, cold start', () => {
  it('answers 60 orders on a fresh gateway with far fewer than 60 GetOrderDetail calls', async () => {
    // BSS's limit (10 calls/s per API) holds from the emulator's first call on: its default.
    expect(await h.limits()).toEqual({ bssQps: 10 });
    const picks = dataset.billingOrders.filter((_, i) => i % 5 === 0).slice(0, 60);
    const res = await h.gql(NODES, { ids: picks.map((o) => nodeId(o.OrderId)) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.nodes.map((n: { orderId: string }) => n.orderId)).toEqual(
      picks.map((o) => o.OrderId),
    );
    const details = (await h.calls()).byApi.GetOrderDetail ?? 0;
    const metrics = await h.metrics();
    // Nearly all missed the index, just started ...
    const misses = sample(metrics, 'subgate_billing_index_lookups_total', { result: 'miss' });
    expect(misses).toBeGreaterThanOrEqual(40);
    // ... and the sweep's 15 pages (under 2 s) brought most of them before their detail call
    // could go out at 10 per second: one call per miss would be `misses`.
    expect(details).toBeLessThan(misses / 2);
    expect(throttledCalls(metrics)).toBe(0);
  }, 30_000);
});
