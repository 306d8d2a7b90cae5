/**
 * The flow-control queue shared fairly between callers (docs/budgets.md#fair-shares): while one
 * caller has a long queue of BSS calls waiting, another caller's call is served in its turn, not
 * after all of them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';
import { sample } from './ops-support.js';

const NOISY_KEY = 'noisy-admin-key-0123456789';
const QUIET_KEY = 'quiet-admin-key-0123456789';
// One GetOrderDetail per order: 30 for the noisy caller, 1 for the quiet one (same BSS API).
const billing = (first: number) =>
  `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: ${first}) { edges { node { billingOrder { orderId } } } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: { GATEWAY_ADMIN_KEYS: `${NOISY_KEY},${QUIET_KEY}`, BSS_QPS: '5', BSS_CONCURRENCY: '64' },
  });
});
afterAll(() => h?.close());

const send = (key: string, first: number, iotId: string) =>
  fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: billing(first), variables: { id: iotId } }),
  }).then(async (res) => ({ status: res.status, body: await res.json() }));

describe('the flow-control queue under a noisy caller', () => {
  it("serves a quiet caller's call in its turn, before the noisy caller's queue drains", async () => {
    const finished: string[] = [];
    const noisy = send(NOISY_KEY, 30, DEMO_DEVICES.aliceMany).then((r) => {
      finished.push('noisy');
      return r;
    });
    // The noisy caller's calls are queued (5 per second), then the quiet one asks.
    for (;;) {
      const queued = sample(await h.metrics(), 'subgate_flow_control_queue_length', {
        vendor: 'bss',
      });
      if (queued >= 10) break;
      await sleep(20);
    }
    const quiet = await send(QUIET_KEY, 1, DEMO_EXAMPLE.iotId);
    finished.push('quiet');
    expect(quiet.body.errors).toBeUndefined();
    expect(quiet.body.data.device.cloudStorageOrders.edges[0].node.billingOrder).not.toBeNull();
    // First come, first served would have served the quiet call after all 30 (about 6 s).
    const stillQueued = sample(await h.metrics(), 'subgate_flow_control_queue_length', {
      vendor: 'bss',
    });
    expect(stillQueued).toBeGreaterThan(0);
    const noisyResult = await noisy;
    expect(noisyResult.body.errors).toBeUndefined();
    expect(finished).toEqual(['quiet', 'noisy']);
    expect(
      sample(await h.metrics(), 'subgate_flow_control_wait_seconds_count', {
        vendor: 'bss',
        caller: 'admin',
      }),
    ).toBe(31);
  });
});
