/**
 * Vendor faults through the whole stack: latency above the timeout, 5 % errors,
 * throttling, malformed bodies, a dead vendor. Every operation answers with data where it can
 * and coded errors where it cannot; nothing crashes; a dead API trips its breaker and recovers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { manualClock, startHarness, type Harness, operation as op } from '../harness.js';
import { startHoldingProxy } from '../holding-proxy.js';
import { counted, sample, startReplica, watchRequests, type Replica } from './ops-support.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const IOT_IDS = Object.values(DEMO_DEVICES);
const VENDOR_CODES = new Set([
  'VENDOR_TIMEOUT',
  'VENDOR_UNAVAILABLE',
  'VENDOR_RATE_LIMITED',
  'VENDOR_BAD_RESPONSE',
]);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let h: Harness;
let r: Replica;
// The emulator's failureRate draws: every 20th fires (5 %, spread out, so a read's retry does not
// meet another), and the fired ones are counted.
let draws = 0;
let fired = 0;
const everyTwentieth = () => (++draws % 20 === 0 ? (fired++, 0) : 0.99);
// The replica's breakers open and close by this clock: the test steps past BREAKER_OPEN_MS.
const clock = manualClock();

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // The vendor's limit is off here: the replica bursts BSS (BSS_QPS 0) and faults are injected by rule.
  h = await startHarness({ emulatorBssQps: 0, emulatorRandom: everyTwentieth });
  // A replica with small timeouts and a quick breaker, on the harness's emulator.
  r = await startReplica(
    h.emulatorUrl,
    {
      ILOP_TIMEOUT_MS: '300',
      BSS_TIMEOUT_MS: '300',
      BSS_QPS: '0',
      BREAKER_FAILURES: '4',
      BREAKER_OPEN_MS: '300',
    },
    undefined,
    clock.now,
  );
});
afterAll(async () => {
  await r?.close();
  await h?.close();
  process.off('unhandledRejection', onUnhandled);
});

/**
 * After a fault opened breakers: clear it, wait out BREAKER_OPEN_MS and let one probe per API
 * close them (while a probe is out, concurrent calls still fail fast).
 */
async function recover() {
  await h.setFaults([]);
  clock.advance(350);
  await r.gql(op('streaming'), { iotId: DEMO_DEVICES.aliceExample });
  await r.gql(
    `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { edges { node { billingOrder { orderId } } } } } }`,
  );
}

/** Every operation a frontend sends; each must answer 200 with coded vendor errors only. */
async function everyOperation(replica: Replica) {
  const results = [
    await replica.gql(op('admin-dashboard'), { iotIds: IOT_IDS }),
    await replica.gql(op('billing-list'), {
      filter: { createdAfter: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    }),
    await replica.gql(op('streaming'), { iotId: DEMO_DEVICES.aliceExample }),
    await replica.gql(op('device-dashboard'), { iotIds: [DEMO_DEVICES.aliceExample] }),
    await replica.gql(op('purchase-streaming-plan'), {
      input: {
        iotId: DEMO_DEVICES.aliceExample,
        commodityCode: 'streamingResource_5_2',
        copies: 1,
        idempotencyKey: `fault-${Math.random()}`,
      },
    }),
  ];
  for (const res of results) {
    expect(res.status).toBe(200);
    expect((res.body as any).extensions?.requestId).toEqual(expect.any(String));
    for (const e of res.body.errors ?? []) {
      expect(VENDOR_CODES, JSON.stringify(e)).toContain(e.extensions?.code);
    }
  }
  return results;
}

describe('vendor faults', () => {
  afterAll(() => h.setFaults([]));

  it('latency above the timeout: VENDOR_TIMEOUT on the slow API, the rest stands', async () => {
    await h.setFaults([{ api: ORDER_QUERY, latencyMs: 800 }]);
    const [dashboard] = await everyOperation(r);
    const devices = dashboard!.body.data.devices;
    expect(devices).toHaveLength(IOT_IDS.length);
    expect(dashboard!.body.errors!.length).toBeGreaterThan(0);
    expect(dashboard!.body.errors!.every((e) => e.extensions.code === 'VENDOR_TIMEOUT')).toBe(true);
    await recover();
  });

  it('5 % errors: retried reads hide all of them', async () => {
    await h.setFaults([{ failureRate: 0.05, failWith: { code: 'ServiceUnavailable' } }]);
    // The default timeouts, not r's 300 ms: on a loaded host those alone time calls out.
    const steady = await startReplica(h.emulatorUrl, { BSS_QPS: '0' });
    try {
      [draws, fired] = [0, 0];
      let readErrors = 0;
      for (let i = 0; i < 5; i++) {
        const results = await everyOperation(steady);
        // The purchase's create is a write: never retried, it may meet a fault (its plan read not).
        for (const res of results.slice(0, -1)) readErrors += res.body.errors?.length ?? 0;
      }
      expect(draws).toBeGreaterThan(100);
      expect(fired).toBe(Math.floor(draws / 20));
      expect(readErrors).toBe(0);
      // Each fired fault was retried, but those on the (at most 5) creates.
      const retries = counted(await steady.metrics(), 'subgate_vendor_retries_total', {});
      expect(retries).toBeGreaterThanOrEqual(fired - 5);
      expect(retries).toBeLessThanOrEqual(fired);
    } finally {
      await steady.close();
    }
  });

  it('throttling: VENDOR_RATE_LIMITED once retries are spent', async () => {
    await h.setFaults([{ failWith: { code: 429 } }]);
    const [dashboard] = await everyOperation(r);
    expect(dashboard!.body.errors?.[0]?.extensions.code).toBe('VENDOR_RATE_LIMITED');
    await recover();
  });

  it('malformed bodies: VENDOR_BAD_RESPONSE', async () => {
    await h.setFaults([{ failWith: { malformed: true } }]);
    const results = await everyOperation(r);
    expect(results[0]!.body.errors?.[0]?.extensions.code).toBe('VENDOR_BAD_RESPONSE');
    await recover();
  });

  it('a dead vendor trips the breaker: fast VENDOR_UNAVAILABLE, no calls; then it recovers', async () => {
    await h.setFaults([{ api: ORDER_QUERY, failWith: { drop: true } }]);
    const query = `query($id: String!) { device(iotId: $id) { iotId cloudStorageOrders(first: 1) { totalCount } } }`;
    const vars = { id: DEMO_DEVICES.aliceExample };
    // A dropped connection is not retried (the read may be slow, not lost): four reads trip it.
    for (let i = 0; i < 4; i++) {
      const res = await r.gql(query, vars);
      expect(res.body.errors?.[0]?.extensions.code).toBe('VENDOR_UNAVAILABLE');
    }
    expect(sample(await r.metrics(), 'subgate_breaker_state', { api: ORDER_QUERY })).toBe(2);
    await h.resetCalls();
    const open = await r.gql(query, vars);
    // Fast because nothing is sent: the open breaker answers without a call.
    expect(open.body.errors?.[0]?.extensions.code).toBe('VENDOR_UNAVAILABLE');
    expect((await h.calls()).byApi[ORDER_QUERY] ?? 0).toBe(0);

    await h.setFaults([]);
    clock.advance(350);
    const back = await r.gql(query, vars);
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data.device.cloudStorageOrders.totalCount).toBeGreaterThan(0);
    expect(sample(await r.metrics(), 'subgate_breaker_state', { api: ORDER_QUERY })).toBe(0);
  });

  it('a purchase while the breaker is open is refused without a vendor call, and can be retried', async () => {
    const CREATE = '/vision/customer/streaming/order/create';
    await h.setFaults([{ api: CREATE, failWith: { code: 503 } }]);
    const input = {
      iotId: DEMO_DEVICES.aliceExample,
      commodityCode: 'streamingResource_5_2',
      copies: 1,
    };
    // Writes are never retried: four refused creates open the breaker.
    for (let i = 0; i < 4; i++) await r.gql(op('purchase-streaming-plan'), { input });
    await h.resetCalls();
    const key = `breaker-${Date.now()}`;
    const refused = await r.gql(op('purchase-streaming-plan'), {
      input: { ...input, idempotencyKey: key },
    });
    expect(refused.body.errors?.[0]?.extensions.code).toBe('VENDOR_UNAVAILABLE');
    expect((await h.calls()).byApi[CREATE] ?? 0).toBe(0);
    await h.setFaults([]);
    clock.advance(350);
    const bought = await r.gql(op('purchase-streaming-plan'), {
      input: { ...input, idempotencyKey: key },
    });
    expect(bought.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
  });

  it('nothing was left unhandled', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('client abort and request ids', () => {
  it('a disconnected client cancels its vendor calls', async () => {
    // The vendor's answer held: only a cancelled call ends before ILOP_TIMEOUT_MS.
    const proxy = await startHoldingProxy(() => h.emulatorUrl);
    const logs: string[] = [];
    const slow = await startReplica(proxy.url, { ILOP_TIMEOUT_MS: '10000' }, logs);
    const hold = proxy.hold(ORDER_QUERY);
    try {
      const abort = new AbortController();
      const pending = fetch(slow.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'test-admin-key-0123456789' },
        body: JSON.stringify({
          query: `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { totalCount } } }`,
        }),
        signal: abort.signal,
      }).catch(() => null);
      await hold.arrived; // its call is out
      abort.abort();
      await pending;
      const outcome = async (name: string, value: string) =>
        counted(await slow.metrics(), name, { outcome: value });
      // Ended by the client leaving while the answer was still held (a timeout would be 10 s on).
      await vi.waitFor(
        async () => expect(await outcome('subgate_vendor_calls_total', 'ABORTED')).toBe(1),
        { timeout: 5_000, interval: 10 },
      );
      expect(hold.held()).toBe(1);
      // Counted and logged as the client's doing, not as a failure of ours.
      await vi.waitFor(
        async () =>
          expect(await outcome('subgate_graphql_requests_total', 'CLIENT_CLOSED_REQUEST')).toBe(1),
        { timeout: 5_000, interval: 10 },
      );
      expect(await outcome('subgate_graphql_requests_total', 'INTERNAL_SERVER_ERROR')).toBe(0);
      const levels = logs.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(levels.filter((l) => l.level >= 50)).toEqual([]);
      expect(levels.find((l) => l.msg === 'graphql request')).toMatchObject({
        outcome: 'CLIENT_CLOSED_REQUEST',
      });
    } finally {
      hold.release();
      await slow.close();
      await proxy.close();
    }
  });

  it("a disconnected client does not fail another client's read it shared", async () => {
    // The vendor's answer held between the gateway and the vendor until the first client left.
    const proxy = await startHoldingProxy(() => h.emulatorUrl);
    const shared = await startReplica(proxy.url, { VENDOR_CACHE_TTL_MS: '5000' });
    try {
      const requests = watchRequests(shared.server);
      await h.resetCalls();
      const hold = proxy.hold(ORDER_QUERY);
      const query = `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { totalCount } } }`;
      const lookups = async () =>
        counted(await shared.metrics(), 'subgate_cache_lookups_total', { cache: 'vendor' });
      const abort = new AbortController();
      const leaving = fetch(shared.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'test-admin-key-0123456789' },
        body: JSON.stringify({ query }),
        signal: abort.signal,
      }).catch(() => null);
      await hold.arrived; // its call is out
      const first = await lookups();
      // The second asks for the same page while the first's call is out: it joins that call
      // (its lookups, as many as the first's, are in: the last is the shared page's).
      const staying = shared.gql(query);
      await vi.waitFor(async () => expect(await lookups()).toBe(2 * first));
      abort.abort();
      await leaving;
      await requests.gone(1);
      hold.release();
      const res = await staying;
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.device.cloudStorageOrders.totalCount).toBeGreaterThan(0);
      // One call, started by the client that left and finished for the one that stayed.
      expect((await h.calls()).byApi[ORDER_QUERY]).toBe(1);
    } finally {
      await shared.close();
      await proxy.close();
    }
  });

  it('an incoming UUID x-request-id is used, returned and sent to Living IoT as the envelope id', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await h.setFaults([{ api: ORDER_QUERY, failWith: { code: 460 } }]);
    const res = await r.gql(
      `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { totalCount } } }`,
      {},
      'admin',
      { 'x-request-id': id },
    );
    await h.setFaults([]);
    expect(res.headers.get('x-request-id')).toBe(id);
    expect((res.body as any).extensions.requestId).toBe(id);
    // The vendor echoes the envelope id: it is the error's request id.
    expect(res.body.errors![0]!.extensions.requestId).toBe(id);
  });

  it('anything else gets a fresh id', async () => {
    const res = await r.gql(`{ streamingPlans { commodityCode } }`, {}, 'admin', {
      'x-request-id': 'not a uuid <script>',
    });
    expect((res.body as any).extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-request-id')).toBe((res.body as any).extensions.requestId);
  });
});
