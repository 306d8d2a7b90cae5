/**
 * The clients' transport policy against a scripted loopback server: retries, write-once,
 * timeouts, aborts, dropped connections, per-attempt signing. The emulator suite
 * (vendor-clients.test.ts) covers the vendors' real rejection classes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBssClient } from '../../src/upstream/bss/client.js';
import { createFlowControl, createLocalRateWindow } from '../../src/upstream/flow-control.js';
import { signAcs3 } from '../../src/upstream/bss/signature.js';
import type { CallEvent } from '../../src/upstream/call-event.js';
import { VendorError } from '../../src/upstream/vendor-error.js';
import { createVendorHttp } from '../../src/upstream/http.js';
import { createIlopClient } from '../../src/upstream/ilop/client.js';
import { buildStringToSign, contentMd5, ilopSignature } from '../../src/upstream/ilop/signature.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** When it arrived (performance.now()). */
  at: number;
}
type Handler = (req: Seen, res: ServerResponse) => void;

let url = '';
let seen: Seen[] = [];
let script: Handler[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    const s = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      at: performance.now(),
    };
    seen.push(s);
    const handler = script.shift() ?? ((_s, r) => json(r, 500, { error: 'unscripted' }));
    handler(s, res);
  });
});

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
const ilopOk =
  (data: unknown): Handler =>
  (_s, r) =>
    json(r, 200, { code: 200, data });
const ilopCode =
  (code: number): Handler =>
  (_s, r) =>
    json(r, 200, { code, message: `code ${code}` });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  script = [];
});

const events: CallEvent[] = [];
const noJitter = { random: () => 0, onCall: (e: CallEvent) => events.push(e) };
const ilopConfig = () => ({
  endpoint: url,
  appKey: '24681357',
  appSecret: 'secret',
  stage: 'RELEASE' as const,
  streamingOrderQueryApiVer: '1.0.0',
  streamingOrderGetApiVer: '1.0.0',
  streamingOrderEnableApiVer: '1.0.0',
  freeCloudStorageConsumeApiVer: '1.0.3',
  bindingListApiVer: '1.0.8',
  bindingPageSize: 50,
  connections: 4,
  timeoutMs: 300,
  longTimeoutMs: 300,
});
const bssConfig = () => ({
  endpoint: url,
  accessKeyId: 'id',
  accessKeySecret: 'secret',
  connections: 4,
  timeoutMs: 300,
});

const page = { pageNo: 0, pageSize: 20, total: 0, orderList: [] };
const streamingOrder = {
  orderId: 'o1',
  commodityCode: 'streamingResource_20_10',
  copies: 1,
  status: 0,
  paymentStatus: 0,
  price: '140',
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('Living IoT client transport', () => {
  const ilop = () => createIlopClient(ilopConfig(), noJitter);

  it('signs what it sends, so a server can verify it', async () => {
    const client = ilop();
    script = [ilopOk(page)];
    await client.queryCloudStorageOrders(
      { iotId: 'd', pageNo: 0, pageSize: 20 },
      { iotToken: 't' },
    );
    await client.close();
    const [req] = seen;
    const h = req!.headers as Record<string, string>;
    expect(h['content-md5']).toBe(contentMd5(Buffer.from(req!.body, 'utf8')));
    const signedNames = h['x-ca-signature-headers']!.split(',');
    const sts = buildStringToSign({
      method: 'POST',
      accept: h['accept']!,
      contentMd5: h['content-md5']!,
      contentType: h['content-type']!,
      date: '',
      headers: Object.fromEntries(signedNames.map((n) => [n, h[n]!])),
      pathAndQuery: req!.url,
    });
    expect(h['x-ca-signature']).toBe(ilopSignature(sts, 'secret'));
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({
      version: '1.0',
      request: { apiVer: '1.0.6', iotToken: 't' },
      params: { iotId: 'd', pageNo: '0', pageSize: '20' },
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a read on code 503 with a fresh nonce and timestamp, same envelope', async () => {
    const client = ilop();
    events.length = 0;
    script = [ilopCode(503), ilopCode(20056), ilopOk(page)];
    const result = await client.queryCloudStorageOrders({ iotId: 'd', pageNo: 0, pageSize: 20 });
    await client.close();
    expect(result.total).toBe(0);
    expect(seen).toHaveLength(3);
    const nonces = new Set(seen.map((s) => s.headers['x-ca-nonce']));
    expect(nonces.size).toBe(3);
    expect(new Set(seen.map((s) => JSON.parse(s.body).id)).size).toBe(1);
    expect(events.map((e) => [e.attempt, e.outcome])).toEqual([
      [1, '503'],
      [2, '20056'],
      [3, 'ok'],
    ]);
  });

  it('gives up after two retries', async () => {
    const client = ilop();
    script = [ilopCode(429), ilopCode(429), ilopCode(429), ilopOk(page)];
    const err = await rejection(client.getStreamingOrder({ iotId: 'd', orderId: 'o' }));
    await client.close();
    expect(err).toMatchObject({ code: '429', kind: 'business' });
    expect(seen).toHaveLength(3);
  });

  it('retries gateway throttling (403 Throttled by APP Flow Control)', async () => {
    const client = ilop();
    script = [
      (_s, r) => {
        r.writeHead(403, {
          'x-ca-error-message': 'Throttled by APP Flow Control',
          'x-ca-request-id': 'g1',
        });
        r.end();
      },
      ilopOk([]),
    ];
    await expect(client.queryStreamingPlans()).resolves.toEqual([]);
    await client.close();
    expect(seen).toHaveLength(2);
  });

  it('sends a write exactly once, whatever the failure', async () => {
    const client = ilop();
    script = [ilopCode(503)];
    const err = await rejection(
      client.createStreamingOrder({ iotId: 'd', commodityCode: 'c', copies: 1 }),
    );
    expect(err).toMatchObject({ code: '503' });
    script = [(_s, r) => r.destroy()];
    const dropped = await rejection(client.bindCloudStorageOrder({ iotId: 'd', orderId: 'o' }));
    expect(dropped).toMatchObject({ code: 'VENDOR_UNAVAILABLE', kind: 'transport' });
    await client.close();
    expect(seen).toHaveLength(2);
  });

  it('times out as VENDOR_TIMEOUT and does not retry it', async () => {
    const client = ilop();
    script = [(_s, r) => setTimeout(() => json(r, 200, { code: 200, data: page }), 1000)];
    const err = await rejection(
      client.queryCloudStorageOrders({ iotId: 'd', pageNo: 0, pageSize: 20 }),
    );
    await client.close();
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ code: 'VENDOR_TIMEOUT', kind: 'transport', vendor: 'ilop' });
    expect(seen).toHaveLength(1);
  });

  it('rethrows the caller abort, without a retry', async () => {
    const client = ilop();
    const controller = new AbortController();
    script = [
      (_s, r) => {
        controller.abort();
        setTimeout(() => json(r, 200, { code: 200, data: page }), 50);
      },
    ];
    const err = await rejection(
      client.queryCloudStorageOrders(
        { iotId: 'd', pageNo: 0, pageSize: 20 },
        { signal: controller.signal },
      ),
    );
    await client.close();
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(err).not.toBeInstanceOf(VendorError);
    expect(seen).toHaveLength(1);
  });

  it('does not start a retry past the caller deadline', async () => {
    // The deadline's clock stands still but for the vendor's answer, which uses up all but 50 ms
    // of it: the retry's 75 ms backoff (no jitter) would end past it.
    let clock = Date.now();
    const client = createIlopClient(ilopConfig(), { random: () => 1, now: () => clock });
    const late: Handler = (s, r) => {
      clock += 9_950;
      ilopCode(503)(s, r);
    };
    script = [late, ilopOk(page)];
    const err = await rejection(
      client.queryCloudStorageOrders(
        { iotId: 'd', pageNo: 0, pageSize: 20 },
        { deadline: clock + 10_000 },
      ),
    );
    await client.close();
    expect(err).toMatchObject({ code: '503' });
    expect(seen).toHaveLength(1);
  });

  it('a dropped connection on a read is VENDOR_UNAVAILABLE', async () => {
    const client = ilop();
    script = [(_s, r) => r.socket?.destroy()];
    const err = await rejection(client.queryStreamingPlans());
    await client.close();
    expect(err).toMatchObject({ code: 'VENDOR_UNAVAILABLE', kind: 'transport' });
  });
});

describe('BSS client transport', () => {
  const bss = () => createBssClient(bssConfig(), noJitter);
  const success = {
    RequestId: 'R',
    Success: true,
    Code: 'Success',
    Data: { PageNum: 1, PageSize: 20, TotalCount: 0, OrderList: { Order: [] } },
  };

  it('sends POST /?<canonical query> with an empty body, ACS3-signed, host with port', async () => {
    const client = bss();
    script = [(_s, r) => json(r, 200, success)];
    await client.queryOrders({
      pageNum: 1,
      pageSize: 20,
      createdAfter: new Date('2024-05-01T00:00:00Z'),
    });
    await client.close();
    const [req] = seen;
    const h = req!.headers as Record<string, string>;
    expect(req!.method).toBe('POST');
    expect(req!.body).toBe('');
    expect(h['host']).toBe(new URL(url).host);
    expect(h['x-acs-action']).toBe('QueryOrders');
    expect(h['x-acs-version']).toBe('2017-12-14');
    expect(h['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const query = Object.fromEntries(new URL(req!.url, url).searchParams);
    expect(query).toEqual({
      CreateTimeStart: '2024-05-01T00:00:00Z',
      PageNum: '1',
      PageSize: '20',
    });
    const expected = signAcs3({
      method: 'POST',
      path: '/',
      query,
      headers: h,
      accessKeyId: 'id',
      accessKeySecret: 'secret',
    });
    expect(h['authorization']).toBe(expected.authorization);
  });

  it('releases its flow-control slot when the answer begins, not when its body has arrived', async () => {
    const held: number[] = [];
    const flow = createFlowControl({
      vendor: 'bss',
      window: createLocalRateWindow(10),
      maxWaitMs: 1_000,
      onHeld: (ms) => held.push(ms),
    });
    const client = createBssClient(bssConfig(), { ...noJitter, flow });
    // The status line and headers at once, the body 150 ms later.
    script = [
      (_s, r) => {
        r.writeHead(200, { 'content-type': 'application/json' });
        r.flushHeaders();
        setTimeout(() => r.end(JSON.stringify(success)), 150);
      },
    ];
    const started = performance.now();
    await client.queryOrders({ pageNum: 1, pageSize: 20, createdAfter: new Date() });
    const tookMs = performance.now() - started;
    await client.close();
    flow.close();
    expect(tookMs).toBeGreaterThanOrEqual(140);
    expect(held).toHaveLength(1);
    expect(held[0]!).toBeLessThan(tookMs - 100);
  });

  it('retries Throttling.User with a fresh nonce, honouring x-acs-retry-after', async () => {
    const client = bss();
    const throttled: Handler = (_s, r) =>
      json(
        r,
        400,
        { RequestId: 'T', Code: 'Throttling.User', Message: 'flow control' },
        { 'x-acs-retry-after': '400' },
      );
    script = [throttled, (_s, r) => json(r, 200, success)];
    await expect(client.queryOrders({ pageNum: 1, pageSize: 20 })).resolves.toMatchObject({
      total: 0,
    });
    await client.close();
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers['x-acs-signature-nonce']).not.toBe(
      seen[1]!.headers['x-acs-signature-nonce'],
    );
    // The vendor's 400 ms, not the policy's own backoff (37.5 ms here, without jitter).
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(390); // less a timer's rounding
  });

  it('does not retry when BSS asks for a longer wait than the policy allows', async () => {
    const client = bss();
    script = [
      (_s, r) =>
        json(r, 400, { Code: 'Throttling.User', Message: 'm' }, { 'x-acs-retry-after': '30000' }),
    ];
    const err = await rejection(client.getOrderDetail('1'));
    await client.close();
    expect(err).toMatchObject({ code: 'Throttling.User', retryAfterMs: 30000, kind: 'gateway' });
    expect(seen).toHaveLength(1);
  });

  it('does not retry parameter errors', async () => {
    const client = bss();
    script = [
      (_s, r) => json(r, 400, { RequestId: 'P', Code: 'InvalidParameter', Message: 'PageSize' }),
    ];
    const err = await rejection(client.queryOrders({ pageNum: 1, pageSize: 500 }));
    await client.close();
    expect(err).toMatchObject({ code: 'InvalidParameter', kind: 'business', requestId: 'P' });
    expect(seen).toHaveLength(1);
  });
});

describe('the pool exchange (createVendorHttp)', () => {
  const post = { method: 'POST' as const, path: '/x', headers: {}, body: '{}' };
  const ctx = (timeoutMs = 2000) => ({ api: '/x', timeoutMs });

  it('refuses a body over the limit as VENDOR_BAD_RESPONSE, then serves the next call', async () => {
    const http = createVendorHttp({
      vendor: 'ilop',
      endpoint: url,
      connections: 1,
      maxBodyBytes: 1000,
    });
    script = [
      (_s, r) => json(r, 200, { pad: 'x'.repeat(5000) }),
      (_s, r) => json(r, 200, { small: true }),
    ];
    const err = await rejection(http.send(post, ctx()));
    expect(err).toMatchObject({ code: 'VENDOR_BAD_RESPONSE', httpStatus: 200, kind: 'transport' });
    const next = await http.send(post, ctx());
    await http.close();
    expect(next).toMatchObject({ status: 200, body: '{"small":true}' });
    expect(next.headers['content-type']).toBe('application/json');
  });

  it('adds no listener per call to a signal many calls share (a request fan-out)', async () => {
    const http = createVendorHttp({ vendor: 'ilop', endpoint: url, connections: 4 });
    const request = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const listeners: number[] = [];
    script = Array.from({ length: 20 }, () => (_s, r) => {
      listeners.push(getEventListeners(request.signal, 'abort').length);
      json(r, 200, {});
    });
    const sent = Array.from({ length: 20 }, () =>
      http.send(post, { ...ctx(), signal: request.signal }),
    );
    await Promise.all(sent);
    await http.close();
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    process.off('warning', onWarning);
    expect(Math.max(...listeners)).toBe(0);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('counts the wait for a connection in the timeout', async () => {
    const http = createVendorHttp({ vendor: 'ilop', endpoint: url, connections: 1 });
    script = [(_s, r) => setTimeout(() => json(r, 200, {}), 600), (_s, r) => json(r, 200, {})];
    const first = http.send(post, ctx());
    const queued = await rejection(http.send(post, ctx(200)));
    expect(queued).toMatchObject({ code: 'VENDOR_TIMEOUT', message: 'no answer within 200 ms' });
    expect(seen).toHaveLength(1); // it never left the queue
    await first;
    await http.close();
  });
});
