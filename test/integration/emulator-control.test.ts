import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE, generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { acs3, envelopeBody, ilopCall, ilopHeaders, ilopPost } from './emulator-signer.js';

// The control API (src/emulator/README.md): state round trip, validation, reset, calls and every kind of fault.
let clock = Date.UTC(2025, 0, 15, 8, 0, 0);
const Q = '/vision/customer/cloudstorage/order/query';
const CREATE = '/vision/customer/streaming/order/create';
const dataset = generateDataset({ seed: 11, now: Date.UTC(2025, 0, 15), devices: 6 });
const iotId = dataset.devices[1]!.iotId;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ now: () => clock, dataset });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control('PUT', 'faults', []);
  await control('POST', 'reset');
  await control('DELETE', 'calls');
});

async function control(method: string, what: string, body?: unknown) {
  const res = await fetch(`${emulator.url}/__emulator/${what}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const list = () =>
  ilopCall(emulator.url, Q, { apiVer: '1.0.6', params: { iotId } }, { timestamp: clock });
const bssQuery = () =>
  acs3(
    emulator.url,
    'QueryOrders',
    {},
    { date: new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z') },
  );

describe('state', () => {
  it('round-trips the document and rejects a bad one listing every reason', async () => {
    const got = await control('GET', 'state');
    expect(got.body).toEqual(dataset);
    const edited = structuredClone(dataset);
    edited.devices = edited.devices.slice(0, 1);
    edited.cloudStorageOrders = [];
    edited.streamingOrders = [];
    edited.freeCloudStorage = [];
    expect((await control('PUT', 'state', edited)).status).toBe(200);
    expect((await control('GET', 'state')).body).toEqual(edited);
    expect(emulator.state()).toEqual(edited);

    const bad = structuredClone(dataset) as any;
    bad.devices[0].adminIdentityId = 42;
    bad.cloudStorageOrders[0].paymentStatus = 7;
    delete bad.billingOrders[0].OrderId;
    const refused = await control('PUT', 'state', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining([
        'devices[0].adminIdentityId',
        'cloudStorageOrders[0].paymentStatus',
        'billingOrders[0].OrderId',
      ]),
    );
    expect((await control('PUT', 'state', 'nonsense')).status).toBe(400);
    expect(emulator.state()).toEqual(edited); // unchanged by a refused document
  });

  it('reset goes back to the starting dataset', async () => {
    await control('PUT', 'state', { ...dataset, cloudStorageOrders: [] });
    expect((await control('POST', 'reset')).status).toBe(200);
    expect(emulator.state()).toEqual(dataset);
  });

  it('answers unknown endpoints and methods clearly', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
    expect((await control('POST', 'state')).status).toBe(405);
  });
});

describe('calls', () => {
  it('counts per path or Action, rejected ones included, and zeroes', async () => {
    await list();
    await list();
    await ilopPost(emulator.url, Q, '{}', { timestamp: clock, appKey: 'bad' });
    await bssQuery();
    expect((await control('GET', 'calls')).body).toEqual({
      total: 4,
      byApi: { [Q]: 3, QueryOrders: 1 },
    });
    expect((await control('DELETE', 'calls')).body).toEqual({ total: 0, byApi: {} });
  });
});

describe('faults', () => {
  it('validates rules and lists them', async () => {
    const bad = await control('PUT', 'faults', [
      { failureRate: 2 },
      { failWith: { teapot: true } },
      { maxQps: -1 },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['[0].failureRate', '[1].failWith', '[2].maxQps']),
    );
    const rules = [{ api: Q, failWith: { code: 503 }, failureRate: 1 }];
    expect((await control('PUT', 'faults', rules)).body).toEqual(rules);
    expect((await control('GET', 'faults')).body).toEqual(rules);
  });

  it('{code} answers that business code (ILOP) or that Code with its status (BSS)', async () => {
    await control('PUT', 'faults', [
      { api: Q, failWith: { code: 20056 } },
      { api: 'QueryOrders', failWith: { code: 'Throttling.User' } },
    ]);
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 20056,
      message: 'gateway.hsf.invoke.timeout',
      data: null,
    });
    const bss = await bssQuery();
    expect(bss.status).toBe(400);
    expect(bss.json().Code).toBe('Throttling.User');
    expect(bss.headers.get('x-acs-retry-after')).toBeTruthy();
  });

  it('{httpStatus} answers from the gateway layer', async () => {
    await control('PUT', 'faults', [{ failWith: { httpStatus: 503 } }]);
    const res = await list();
    expect(res.status).toBe(503);
    expect(res.res.headers.get('x-ca-error-message')).toBe('Service Unavailable');
    const bss = await bssQuery();
    expect(bss.status).toBe(503);
    expect(bss.json().Code).toBe('ServiceUnavailable');
  });

  it('{malformed} answers 200 with a body that is not JSON', async () => {
    await control('PUT', 'faults', [{ failWith: { malformed: true } }]);
    const res = await ilopPost(
      emulator.url,
      Q,
      envelopeBody({ apiVer: '1.0.6', params: { iotId } }),
      { timestamp: clock },
    );
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow();
  });

  it('{drop} closes the connection without an answer', async () => {
    await control('PUT', 'faults', [{ api: Q, failWith: { drop: true } }]);
    await expect(list()).rejects.toThrow();
  });

  it('failureRate 0 never fires', async () => {
    await control('PUT', 'faults', [{ failWith: { code: 500 }, failureRate: 0 }]);
    expect((await list()).body.code).toBe(200);
  });

  it('faults apply after signature verification', async () => {
    await control('PUT', 'faults', [{ failWith: { code: 500 } }]);
    const res = await ilopPost(emulator.url, Q, '{}', { timestamp: clock, appSecret: 'wrong' });
    expect(res.status).toBe(400);
  });

  it('maxQps throttles over the rate within one second, then lets calls through again', async () => {
    await control('PUT', 'faults', [{ api: Q, maxQps: 2 }]);
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const third = await list();
    expect(third.status).toBe(429);
    expect(third.res.headers.get('x-ca-error-message')).toBe('Throttled by APP Flow Control');
    await control('PUT', 'faults', [{ api: 'QueryOrders', maxQps: 1 }]);
    expect((await bssQuery()).status).toBe(200);
    const throttled = await bssQuery();
    expect(throttled.status).toBe(400);
    expect(throttled.json().Code).toBe('Throttling.User');
    expect(Number(throttled.headers.get('x-acs-retry-after'))).toBeGreaterThan(0);
    clock += 1_000;
    expect((await bssQuery()).status).toBe(200);
  });

  it('latency comes after the operation: a client that gave up still bought', async () => {
    // A latency longer than the test may run: were it applied before the purchase, the purchase
    // would not be made while the test watches.
    await control('PUT', 'faults', [{ api: CREATE, latencyMs: 60_000 }]);
    const body = envelopeBody({
      apiVer: '1.0.0',
      params: { iotId, commodityCode: 'streamingResource_20_10', copies: 1 },
    });
    const before = emulator.state().streamingOrders.length;
    let answered = false;
    const bought = await new Promise<boolean>((resolve) => {
      const req = request(`${emulator.url}${CREATE}`, {
        method: 'POST',
        headers: ilopHeaders(CREATE, body, { timestamp: clock }),
      });
      req.on('response', () => (answered = true));
      req.on('error', () => {});
      const giveUp = setTimeout(() => (req.destroy(), resolve(false)), 10_000);
      req.end(body, () => {
        // Give up as soon as the emulator has performed the purchase (observed via its state).
        const poll = () => {
          if (emulator.state().streamingOrders.length > before) {
            clearTimeout(giveUp);
            req.destroy();
            resolve(true);
          } else setImmediate(poll);
        };
        poll();
      });
    });
    expect(bought).toBe(true);
    expect(answered).toBe(false); // the latency still ran when the purchase showed
    expect(emulator.state().streamingOrders.length).toBe(before + 1);
    expect(emulator.state().billingOrders.length).toBe(dataset.billingOrders.length + 1);
  });
});

describe('identity in a custom dataset', () => {
  it('the example token is unknown in a dataset without demo users', async () => {
    await control('PUT', 'state', {
      ...dataset,
      users: [],
      devices: dataset.devices.map((d) => ({ ...d, adminIdentityId: null, boundIdentityIds: [] })),
    });
    const res = await ilopCall(
      emulator.url,
      Q,
      { apiVer: '1.0.6', iotToken: DEMO_EXAMPLE.token, params: { iotId } },
      { timestamp: clock },
    );
    expect(res.body.code).toBe(2062);
  });
});
