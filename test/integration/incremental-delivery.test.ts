/**
 * @defer and @stream over the wire: a dashboard whose billing is deferred answers devices and
 * orders before BSS does, and its billing as BSS answers, over multipart/mixed and over SSE.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDashboardDeferredDocument,
  AdminDashboardDocument,
} from '../../schema/generated/graphql.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { authHeaders, startHarness, type Harness } from '../harness.js';
import { startHoldingProxy, type HoldingProxy } from '../holding-proxy.js';

const iotIds = [DEMO_DEVICES.aliceMany, DEMO_DEVICES.aliceExample];
// Three orders each: one wave of GetOrderDetail calls (under BSS_CONCURRENCY).
const dashboard = { iotIds, orders: 3 };
const DEFERRED = print(AdminDashboardDeferredDocument);

interface Part {
  payload: any;
}

/** Sends a query and reads its answer part by part as it arrives, telling `onPart` of each. */
async function incremental(
  h: Harness,
  query: string,
  accept: 'multipart/mixed' | 'text/event-stream',
  variables: Record<string, unknown> = dashboard,
  onPart: (index: number) => void = () => {},
): Promise<{ contentType: string; parts: Part[] }> {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...authHeaders('admin') },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  const parts: Part[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer = Buffer.concat([buffer, chunk]);
    const known = parts.length;
    buffer = accept === 'multipart/mixed' ? takeMultipart(buffer, parts) : takeSse(buffer, parts);
    for (let i = known; i < parts.length; i++) onPart(i);
  }
  return { contentType: res.headers.get('content-type') ?? '', parts };
}

/** Complete multipart parts (`Content-Length` bytes after their headers) off the front of buffer. */
function takeMultipart(buffer: Buffer, parts: Part[]): Buffer {
  for (;;) {
    const head = /Content-Length: (\d+)\r\n\r\n/.exec(buffer.toString('latin1'));
    if (!head) return buffer;
    const bodyStart = head.index + head[0].length;
    const bodyEnd = bodyStart + Number(head[1]);
    if (buffer.length < bodyEnd) return buffer;
    parts.push({ payload: JSON.parse(buffer.subarray(bodyStart, bodyEnd).toString('utf8')) });
    buffer = buffer.subarray(bodyEnd);
  }
}

/** Complete `event: next` messages off the front of buffer. */
function takeSse(buffer: Buffer, parts: Part[]): Buffer {
  for (;;) {
    const end = buffer.indexOf('\n\n');
    if (end < 0) return buffer;
    const message = buffer.subarray(0, end).toString('utf8');
    buffer = buffer.subarray(end + 2);
    const data = /^data: (.*)$/m.exec(message)?.[1];
    if (/^event: next$/m.test(message) && data) parts.push({ payload: JSON.parse(data) });
  }
}

/** The initial part with every incremental part merged in at its path. */
function merged(parts: Part[]): any {
  const [first, ...rest] = parts.map((p) => p.payload);
  const data = structuredClone(first.data);
  for (const part of rest) {
    for (const item of part.incremental ?? []) {
      // A deferred fragment's path is its object; streamed items' path is their first index.
      const path = item.items ? item.path.slice(0, -1) : item.path;
      let target = data;
      for (const key of path) target = target[key];
      if (item.data) Object.assign(target, item.data);
      if (item.items) target.splice(item.path.at(-1), item.items.length, ...item.items);
    }
  }
  return data;
}

const billingOrders = (data: any) =>
  data.devices.flatMap((d: any) => d.cloudStorageOrders.edges.map((e: any) => e.node.billingOrder));

describe('@defer', () => {
  let h: Harness;
  let bss: HoldingProxy;
  beforeAll(async () => {
    // BSS behind a proxy that holds its answers until the test lets them go.
    bss = await startHoldingProxy(() => h.emulatorUrl);
    h = await startHarness({ emulatorBssQps: 0, env: { BSS_ENDPOINT: bss.url } });
  });
  afterAll(async () => {
    await h?.close();
    await bss?.close();
  });

  for (const accept of ['multipart/mixed', 'text/event-stream'] as const) {
    it(`over ${accept}: devices and orders first, before any BSS answer; billing after`, async () => {
      // Every BSS answer is held until the first part is in (or, failing, for 10 s).
      const hold = bss.hold();
      let released = false;
      const release = () => ((released = true), hold.release());
      const fallback = setTimeout(release, 10_000);
      const whileHeld: boolean[] = [];
      const { contentType, parts } = await incremental(h, DEFERRED, accept, dashboard, (i) => {
        whileHeld[i] = !released;
        if (i === 0) (clearTimeout(fallback), release());
      });
      expect(contentType).toContain(accept);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      const [first, ...later] = parts;
      // The first part: every device and order, no billing, sent while no BSS answer was in.
      expect(whileHeld[0]).toBe(true);
      expect(first!.payload.hasNext).toBe(true);
      expect(first!.payload.data.devices.map((d: any) => d.iotId)).toEqual(iotIds);
      const nodes = first!.payload.data.devices.flatMap((d: any) =>
        d.cloudStorageOrders.edges.map((e: any) => e.node),
      );
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) expect(node).not.toHaveProperty('billingOrder');
      // Billing arrives in later parts, once BSS has answered, labelled as the client asked.
      expect(whileHeld.slice(1)).toEqual(later.map(() => false));
      expect(later.at(-1)!.payload.hasNext).toBe(false);
      const labels = later.flatMap((p) => (p.payload.incremental ?? []).map((i: any) => i.label));
      expect(new Set(labels)).toEqual(new Set(['billing']));
      // Merged, it is what the same dashboard answers without @defer.
      const whole = await h.gql(print(AdminDashboardDocument), dashboard);
      expect(whole.body.errors).toBeUndefined();
      expect(merged(parts)).toEqual(whole.body.data);
      expect(billingOrders(merged(parts)).some((b: any) => b?.orderId)).toBe(true);
    });
  }

  it('costs the vendor calls of the same dashboard without @defer', async () => {
    await h.resetCalls();
    await incremental(h, DEFERRED, 'multipart/mixed');
    const deferred = await h.calls();
    await h.resetCalls();
    await h.gql(print(AdminDashboardDocument), dashboard);
    expect(deferred).toEqual(await h.calls());
  });
});

describe('@stream', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('streams a list after its initial items', async () => {
    const query = `query($iotIds: [String!]!) { devices(iotIds: $iotIds) @stream(initialCount: 1) { iotId } }`;
    const { parts } = await incremental(h, query, 'multipart/mixed');
    expect(parts[0]!.payload.data.devices).toEqual([{ iotId: iotIds[0] }]);
    expect(merged(parts).devices).toEqual(iotIds.map((iotId) => ({ iotId })));
  });

  it('a misplaced @stream is GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await h.gql(`{ streamingPlans { commodityCode @stream } }`);
    expect(res.body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('with the response cache on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VENDOR_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => h?.close());

  it('a deferred query is streamed every time, never replayed as a stored partial', async () => {
    const whole = await h.gql(print(AdminDashboardDocument), dashboard);
    await h.gql(print(AdminDashboardDocument), dashboard); // stored once every read is a cache hit
    for (let i = 0; i < 2; i++) {
      const { parts } = await incremental(h, DEFERRED, 'multipart/mixed');
      expect(parts.length).toBeGreaterThanOrEqual(2);
      expect(parts[0]!.payload.hasNext).toBe(true);
      expect(merged(parts)).toEqual(whole.body.data);
    }
    // And the whole query still answers whole after the deferred ones.
    const again = await h.gql(print(AdminDashboardDocument), dashboard);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(whole.body.data);
  });
});

describe('a client that reads no parts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('gets the deferred query whole, in one JSON answer', async () => {
    const whole = await h.gql(print(AdminDashboardDocument), dashboard);
    const deferred = await h.gql(DEFERRED, dashboard); // Accept: application/graphql-response+json
    expect(deferred.status).toBe(200);
    expect(deferred.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(deferred.body.errors).toBeUndefined();
    expect(deferred.body.data).toEqual(whole.body.data);
  });
});
