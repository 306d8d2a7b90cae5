/**
 * Sweeps and requests share BSS's 10 calls per second per API (emulator `maxQps`, subgate's
 * default flow control): while a long sweep runs, a request's QueryOrders call finds the slot
 * sweeps leave free, so it does not wait behind them, and nothing is throttled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAccount } from '../bench/billing-dataset.js';
import { startHarness, type Harness } from '../harness.js';
import { sample, throttledCalls } from './ops-support.js';

const LIST = /* GraphQL */ `
  query ($filter: BillingOrderFilter) {
    billingOrders(filter: $filter, first: 5) {
      totalCount
    }
  }
`;

let h: Harness;
beforeAll(async () => {
  // 1 500 orders: about 75 sweep calls, over 8 s at BSS's rate.
  const dataset = billingAccount(3, 4, { billingOrders: 1_500 });
  // The emulator enforces BSS's limit by default: 10 calls/s per API. "Without throttling" below
  // means something only while it does.
  h = await startHarness({ dataset, env: { BILLING_INDEX: 'true', BSS_QPS: '10' } });
  expect(await h.limits()).toEqual({ bssQps: 10 });
});
afterAll(() => h?.close());

describe('one BSS budget for sweeps and requests', () => {
  it('serves requests first while a sweep runs, without throttling', async () => {
    const sweeps = async () => sample(await h.metrics(), 'subgate_billing_index_sweep_calls_total');
    const before = await sweeps();
    for (let i = 0; i < 5; i++) {
      // One bound only: never answered by the index, always a QueryOrders call.
      const filter = { createdAfter: new Date(Date.now() - (i + 1) * 86_400_000).toISOString() };
      const res = await h.gql(LIST, { filter });
      expect(res.body.errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1_100));
    }
    const during = (await sweeps()) - before;
    // The sweep kept going meanwhile (over 5 s of it) ...
    expect(during).toBeGreaterThan(10);
    expect(sample(await h.metrics(), 'subgate_billing_index_oldest_swept_seconds')).toBeGreaterThan(
      (Date.now() - 150 * 86_400_000) / 1000,
    );
    // ... and no request waited for a slot: each found the one sweeps leave free. A free slot is
    // granted in the same turn of the event loop (no timer: 0 or 1 ms on the clock, however
    // loaded the host); waiting for a sweep call's slot to expire sleeps up to a tenth of a second.
    const waits = (le?: string) =>
      h
        .metrics()
        .then((m) =>
          le
            ? sample(m, 'subgate_flow_control_wait_seconds_bucket', { priority: 'request', le })
            : sample(m, 'subgate_flow_control_wait_seconds_count', { priority: 'request' }),
        );
    expect(await waits()).toBeGreaterThanOrEqual(5);
    expect(await waits('0.001')).toBe(await waits());
    expect(throttledCalls(await h.metrics())).toBe(0);
    // Every sweep call held its slot from its grant to its answer's start, and gave it back.
    const m = await h.metrics();
    const held = { vendor: 'bss', priority: 'background' };
    const heldCount = sample(m, 'subgate_flow_control_slot_held_seconds_count', held);
    expect(heldCount).toBeGreaterThanOrEqual(sample(m, 'subgate_billing_index_sweep_calls_total'));
    expect(sample(m, 'subgate_flow_control_slot_held_seconds_sum', held)).toBeGreaterThan(0);
  }, 30_000);
});
