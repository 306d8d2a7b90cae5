/**
 * `billingOrders` windows over a generated account (the emulator's `generatedBillingOrders`, merged
 * with the dataset's own orders) answered from the index, against the same queries answered by
 * QueryOrders itself (a second gateway without the index): the same totals, orders, cursors and
 * page info for every filter and Relay window, and no QueryOrders call from the index's side.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatUtc, startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { startHarness, type Harness } from '../harness.js';
import { sample } from './ops-support.js';

const DAY = 86_400_000;
const HORIZON_DAYS = 150;

const QUERY = /* GraphQL */ `
  query ($filter: BillingOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {
    billingOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
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
          orderId
          createTime
          paymentStatus
          orderType
          productCode
          pretaxAmount {
            amount
            currency
          }
        }
      }
    }
  }
`;

const now = Date.now();
const dataset: Dataset = {
  ...generateDataset({ seed: 31, now: startOfUtcDay(now), devices: 6 }),
  // 6 000 orders over 120 days, beside the dataset's own.
  generatedBillingOrders: {
    count: 6_000,
    seed: 5,
    newest: formatUtc(now - 2 * 3_600_000),
    everySeconds: Math.floor((120 * DAY) / 6_000 / 1000),
  },
};

let indexed: Harness;
let oracle: Harness;
beforeAll(async () => {
  // BSS's limit raised to 200 calls/s on both sides (emulator and subgate's flow control) so the
  // 300-call fill takes seconds; what is compared here is answers, not rates.
  const raised = { emulatorBssQps: 200 };
  [indexed, oracle] = await Promise.all([
    startHarness({
      dataset,
      ...raised,
      env: {
        BILLING_INDEX: 'true',
        BSS_QPS: '200',
        BILLING_INDEX_HORIZON_DAYS: String(HORIZON_DAYS),
      },
    }),
    startHarness({ dataset, ...raised, env: { BSS_QPS: '200' } }),
  ]);
  await vi.waitFor(
    async () => {
      const m = await indexed.metrics();
      expect(sample(m, 'subgate_billing_index_oldest_swept_seconds')).toBeGreaterThan(0);
      expect(sample(m, 'subgate_billing_index_back_sweep_pending_seconds')).toBe(0);
    },
    { timeout: 30_000, interval: 200 },
  );
}, 60_000);
afterAll(async () => {
  await indexed?.close();
  await oracle?.close();
});

describe('billingOrders over a generated account', () => {
  it('answers every window and filter as QueryOrders does', async () => {
    const windows = [
      [100, 70],
      [45, 44],
      [10, 0.2],
    ].map(([from, to]) => ({
      createdAfter: new Date(now - from! * DAY).toISOString(),
      createdBefore: new Date(now - to! * DAY).toISOString(),
    }));
    const filters = [
      {},
      { paymentStatus: 'PAID' },
      { productCode: 'ecs' },
      { orderType: 'REFUND', productCode: 'linkvisual' },
    ];
    await indexed.resetCalls();
    const sweeps = async () =>
      sample(await indexed.metrics(), 'subgate_billing_index_sweep_calls_total');
    const sweptBefore = await sweeps();
    let compared = 0;
    for (const window of windows) {
      for (const extra of filters) {
        const filter = { ...window, ...extra };
        const ask = (h: Harness, args: Record<string, unknown>) =>
          h.gql(QUERY, { filter, ...args }).then((r) => {
            expect(r.body.errors).toBeUndefined();
            return r.body.data.billingOrders;
          });
        const first = await ask(oracle, { first: 20 });
        expect(await ask(indexed, { first: 20 })).toEqual(first);
        const after = { first: 20, after: first.pageInfo.endCursor };
        const last = { last: 7 };
        for (const args of first.pageInfo.endCursor ? [after, last] : [last]) {
          const expected = await ask(oracle, args);
          expect(await ask(indexed, args)).toEqual(expected);
          compared += expected.edges.length;
          if (expected.pageInfo.startCursor) {
            const before = { last: 20, before: expected.pageInfo.startCursor };
            expect(await ask(indexed, before)).toEqual(await ask(oracle, before));
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    // Every answer of the indexed gateway came from the index: its calls are the sweeps' (one
    // may be at the emulator before the gateway counts it).
    const calls = (await indexed.calls()).byApi.QueryOrders ?? 0;
    expect(calls).toBeLessThanOrEqual((await sweeps()) - sweptBefore + 1);
    expect(sample(await indexed.metrics(), 'subgate_billing_index_orders')).toBeGreaterThan(5_000);
  }, 60_000);
});
