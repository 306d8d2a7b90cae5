import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { DEMO_APP_KEY, DEMO_APP_SECRET } from '../../src/emulator/demo-credentials.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { captureProxy, resend } from './emulator-signer.js';

// The official Living IoT (API gateway) Node SDK, aliyun-api-gateway, against the emulator.
const require = createRequire(import.meta.url);
const { Client } = require('aliyun-api-gateway') as {
  Client: new (
    key: string,
    secret: string,
  ) => {
    post(url: string, opts: { data: unknown; headers?: Record<string, string> }): Promise<any>;
  };
};

const PATH = '/vision/customer/cloudstorage/order/query';
const envelope = (params: Record<string, unknown>, iotToken?: string) => ({
  id: 'sdk-1',
  version: '1.0',
  request: { apiVer: '1.0.6', ...(iotToken ? { iotToken } : {}) },
  params,
});

let emulator: Emulator;
let proxy: Awaited<ReturnType<typeof captureProxy>>;
beforeAll(async () => {
  emulator = await createEmulator();
  proxy = await captureProxy(emulator.url);
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});

const client = new Client(DEMO_APP_KEY, DEMO_APP_SECRET);

async function rejection(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; data: { headers: Record<string, string> } };
    return { code: e.code, message: e.data.headers['x-ca-error-message'] ?? '' };
  }
  throw new Error('expected a rejection');
}

describe('aliyun-api-gateway SDK', () => {
  it('its signed requests are accepted', async () => {
    const res = await client.post(`${emulator.url}${PATH}`, {
      data: envelope({ iotId: DEMO_EXAMPLE.iotId, pageNo: '0', pageSize: '5' }, DEMO_EXAMPLE.token),
    });
    expect(res).toMatchObject({ id: 'sdk-1', code: 200, data: { pageNo: 0, pageSize: 5 } });
    expect(res.data.orderList).toHaveLength(5);
  });

  it('Chinese text in the body (UTF-8 Content-MD5) and a query string', async () => {
    const res = await client.post(
      `${emulator.url}/vision/customer/cloudstorage/bind/order?b=2&a=1&c=`,
      {
        data: {
          id: 'sdk-2',
          version: '1.0',
          request: { apiVer: '1.0.0' },
          params: { iotId: DEMO_EXAMPLE.iotId, orderId: 'missing', userName: '张三' },
        },
      },
    );
    expect(res.code).toBe(460); // past the gateway: the order does not exist
  });

  it('a wrong secret is Invalid Signature; an unknown key Invalid AppKey', async () => {
    const bad = new Client(DEMO_APP_KEY, 'wrong-secret');
    const r = await rejection(
      bad.post(`${emulator.url}${PATH}`, { data: envelope({ iotId: 'x' }) }),
    );
    expect(r.code).toBe(400);
    expect(r.message).toMatch(/^Invalid Signature, Server StringToSign:/);
    const unknown = new Client('11111111', DEMO_APP_SECRET);
    expect(
      await rejection(unknown.post(`${emulator.url}${PATH}`, { data: envelope({ iotId: 'x' }) })),
    ).toEqual({ code: 400, message: 'Invalid AppKey' });
  });

  it('a stale timestamp is Timestamp Expired', async () => {
    const headers = { 'x-ca-timestamp': String(Date.now() - 20 * 60_000) };
    expect(
      await rejection(
        client.post(`${emulator.url}${PATH}`, { data: envelope({ iotId: 'x' }), headers }),
      ),
    ).toEqual({ code: 400, message: 'Timestamp Expired' });
  });

  it('a replayed, a tampered body and a tampered header are refused', async () => {
    await client.post(`${proxy.url}${PATH}`, { data: envelope({ iotId: DEMO_EXAMPLE.iotId }) });
    const sent = proxy.captured.at(-1)!;
    const replay = await resend(emulator.url, sent);
    expect([replay.status, replay.headers.get('x-ca-error-message')]).toEqual([400, 'Nonce Used']);
    const fresh = { ...sent.headers, 'x-ca-nonce': 'another-nonce-1' };
    const body = await resend(emulator.url, sent, {
      headers: fresh,
      body: Buffer.from(sent.body.toString().replace('sdk-1', 'sdk-9')),
    });
    expect([body.status, body.headers.get('x-ca-error-message')]).toEqual([
      400,
      'Invalid Content-MD5',
    ]);
    const header = await resend(emulator.url, sent, {
      headers: { ...sent.headers, 'x-ca-nonce': 'another-nonce-2' },
    });
    expect(header.status).toBe(400);
    expect(header.headers.get('x-ca-error-message')).toMatch(/^Invalid Signature/);
  });
});
