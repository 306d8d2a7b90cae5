/**
 * The per-request deadline (REQUEST_DEADLINE_MS) over HTTP: a slow vendor makes the request answer
 * by its deadline with VENDOR_TIMEOUT, instead of after the vendor's answer or all read retries.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const DEADLINE_MS = 1500;
const ORDERS = `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 1) { edges { node { orderId } } } } }`;

let h: Harness;

beforeAll(async () => {
  // The default per-call timeout (3.5 s) stays: only the deadline can cut these calls short.
  h = await startHarness({
    env: { REQUEST_DEADLINE_MS: String(DEADLINE_MS), VENDOR_CACHE_TTL_MS: '0' },
  });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.setFaults([]);
  await h.resetCalls();
});

async function timedOrders() {
  const started = performance.now();
  const res = await h.gql(ORDERS, { id: DEMO_DEVICES.aliceExample }, 'admin');
  return { res, elapsedMs: performance.now() - started };
}

describe('request deadline', () => {
  it('a vendor slower than the deadline: VENDOR_TIMEOUT by the deadline, not its late answer', async () => {
    await h.setFaults([{ api: ORDER_QUERY, latencyMs: 3000 }]);
    const { res, elapsedMs } = await timedOrders();
    expect(res.status).toBe(200);
    // The vendor answers at 3 s, inside the 3.5 s call timeout: only the deadline makes this a
    // timeout, and not before it.
    expect(res.body.errors?.map((e) => e.extensions.code)).toEqual(['VENDOR_TIMEOUT']);
    expect(elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
  });

  it('a slow retryable failure: the retry that would outlast the deadline is cut, not run to the end', async () => {
    // Without the deadline: three attempts of 800 ms plus backoff, then VENDOR_UNAVAILABLE.
    await h.setFaults([{ api: ORDER_QUERY, latencyMs: 800, failWith: { code: 503 } }]);
    const { res, elapsedMs } = await timedOrders();
    // Cut, not run out: the second attempt ended by the deadline (VENDOR_TIMEOUT, not the
    // vendor's 503 after a third attempt).
    expect(res.body.errors?.map((e) => e.extensions.code)).toEqual(['VENDOR_TIMEOUT']);
    expect((await h.calls()).byApi[ORDER_QUERY]).toBe(2);
  });

  it('a fast vendor is unaffected', async () => {
    const { res } = await timedOrders();
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.device.cloudStorageOrders.edges).toHaveLength(1);
  });
});
