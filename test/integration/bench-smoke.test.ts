/**
 * CI smoke of `npm run bench`: the same machinery on a small dataset and a short load.
 * Vendor-call counts are stable and asserted exactly; times are not, so none is asserted.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, runBench, type OperationResult } from '../bench/measure.js';
import { runJourney } from '../bench/journey.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const DEVICES = 10;

describe('bench smoke', () => {
  it('counts the minimum vendor calls for subgate, N+1 for the baseline, none when warm', async () => {
    const run = await runBench({
      ...DEFAULT_OPTIONS,
      duration: 1,
      connections: 2,
      latencyMs: 5,
      cacheTtlMs: 60_000,
      // Unthrottled, so the baseline's N+1 completes within the second of load.
      bssQps: 0,
      billing: { billingOrders: 100, perDevice: 3, spreadDays: 200 },
      devices: DEVICES,
      only: ['AdminDashboard', 'CloudStorageOrderList'],
      coldSamples: 2,
    });
    const result = (op: string, mode: string): OperationResult => {
      const r = run.results.find((x) => x.operation === op && x.mode === mode);
      expect(r, `${mode} ${op}`).toBeDefined();
      return r!;
    };
    for (const r of run.results) {
      expect(r.errors, `${r.mode} ${r.operation}`).toBeUndefined();
      expect(r.failures, `${r.mode} ${r.operation}`).toBe(0);
      expect(r.erroredUnderLoad, `${r.mode} ${r.operation}`).toEqual({});
      expect(r.requests, `${r.mode} ${r.operation}`).toBeGreaterThan(0);
    }
    expect(run.mismatches).toEqual([]);

    // 10 devices × first 10 orders, paid by 3 billing orders per device.
    const subgate = result('AdminDashboard', 'batched');
    expect(subgate.distinctOutOrderNos).toBe(3 * DEVICES);
    // Once the billing index is full, no billing order costs a call.
    expect(subgate.coldCalls).toEqual({ [ORDER_QUERY]: DEVICES });
    // Each extra cold caller is timed too; the cold figure is the samples' median.
    expect(subgate.coldSamplesMs).toHaveLength(2);
    expect(subgate.coldMs).toBe((subgate.coldSamplesMs[0]! + subgate.coldSamplesMs[1]!) / 2);
    expect(subgate.loadCallsPerRequest).toBe(0); // the shared cache answers every later request
    // The baseline: the summary and the window each read the device's list, one detail per edge.
    const baseline = result('AdminDashboard', 'naive');
    expect(baseline.coldCalls).toEqual({ [ORDER_QUERY]: 2 * DEVICES, GetOrderDetail: 100 });
    expect(baseline.loadCallsPerRequest).toBeGreaterThanOrEqual(2 * DEVICES + 100);

    expect(result('CloudStorageOrderList', 'batched').coldCalls).toEqual({ [ORDER_QUERY]: 1 });
    expect(result('CloudStorageOrderList', 'batched').loadCallsPerRequest).toBe(0);
    expect(result('CloudStorageOrderList', 'naive').coldCalls).toEqual({ [ORDER_QUERY]: 1 });
    expect(result('CloudStorageOrderList', 'floor').requests).toBeGreaterThan(0);
  }, 60_000);
});

describe('bench --scenario journey, small', () => {
  it('each step makes its stated minimum of vendor calls; concurrent keyed buys write once', async () => {
    const r = await runJourney({ runs: 3, concurrent: 5 });
    for (const step of r.steps) {
      expect({ step: step.name, calls: step.calls, errors: step.errors }).toEqual({
        step: step.name,
        calls: step.minimum,
        errors: 0,
      });
    }
    for (const c of Object.values(r.concurrent)) {
      expect(c).toEqual({ writes: 1, distinctOrders: 1, distinctAnswers: 1 });
    }
    expect(r.writes.map((w) => w.byApi)).toEqual([
      expect.objectContaining({ '/vision/customer/cloudstorage/commodity/buy': 1 }),
      expect.objectContaining({ '/vision/customer/streaming/order/pay': 1 }),
    ]);
    // Each write is timed three ways: through subgate, its write alone, its calls alone.
    for (const w of r.writes) {
      expect(w.gatewayP50).toBeGreaterThan(0);
      expect(w.sameCallsP50).toBeGreaterThan(w.directP50);
    }
  }, 60_000);
});
