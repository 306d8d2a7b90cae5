import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { envelopeBody, ilopPost } from './emulator-signer.js';

// docs/vendors.md#gateway-rejections: every row, over HTTP, with the emulator's clock pinned.
const NOW = Date.UTC(2025, 0, 15, 8, 0, 0);
const PATH = '/vision/customer/cloudstorage/order/query';
const body = () =>
  envelopeBody({
    apiVer: '1.0.6',
    iotToken: DEMO_EXAMPLE.token,
    params: { iotId: DEMO_EXAMPLE.iotId },
  });

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ now: () => NOW });
});
afterAll(() => emulator.close());

function expectRejected(
  res: { status: number; headers: Headers; text: string },
  status: number,
  message: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('x-ca-error-message')).toBe(message);
  expect(res.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
  expect(res.text).toBe(''); // not the JSON envelope
}

describe('Living IoT gateway signature checks', () => {
  it('accepts a correctly signed request', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ code: 200, data: { pageNo: 0 } });
  });

  it('accepts colon separators, original-case header names and HmacSHA1', async () => {
    for (const o of [
      { separator: ':' as const },
      { upperCaseNames: true },
      { method: 'HmacSHA1' as const },
    ]) {
      const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW, ...o });
      expect(res.status, JSON.stringify(o)).toBe(200);
    }
  });

  it('signs the query sorted, an empty value as a bare key', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW, query: 'b=2&a=1&c=' });
    expect(res.status).toBe(200);
  });

  it('no x-ca-signature: 404 Empty Signature', async () => {
    const res = await ilopPost(
      emulator.url,
      PATH,
      body(),
      { timestamp: NOW },
      (h) => delete h['x-ca-signature'],
    );
    expectRejected(res, 404, 'Empty Signature');
  });

  it('unknown AppKey: 400 Invalid AppKey', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW, appKey: '99999999' });
    expectRejected(res, 400, 'Invalid AppKey');
  });

  it('timestamp not an integer: 400 Invalid Timestamp', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW }, (h) => {
      h['x-ca-timestamp'] = '2025-01-15T08:00:00Z';
    });
    expectRejected(res, 400, 'Invalid Timestamp');
  });

  it('timestamp more than 15 minutes off: 400 Timestamp Expired (both directions)', async () => {
    for (const skew of [-15 * 60_000 - 1, 15 * 60_000 + 1]) {
      const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW + skew });
      expectRejected(res, 400, 'Timestamp Expired');
    }
    const edge = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW - 15 * 60_000 });
    expect(edge.status).toBe(200);
  });

  it('a replayed nonce: 400 Nonce Used; the same nonce under a failed signature is not burnt', async () => {
    const nonce = 'nonce-replay-1';
    const bad = await ilopPost(emulator.url, PATH, body(), {
      timestamp: NOW,
      nonce,
      appSecret: 'wrong',
    });
    expect(bad.status).toBe(400);
    const first = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW, nonce });
    expect(first.status).toBe(200);
    const again = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW, nonce });
    expectRejected(again, 400, 'Nonce Used');
  });

  it('Content-MD5 not matching the body: 400 Invalid Content-MD5', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW }, (h) => {
      h['content-md5'] = 'AAAAAAAAAAAAAAAAAAAAAA==';
    });
    expectRejected(res, 400, 'Invalid Content-MD5');
  });

  it('tampered signed header: 400 Invalid Signature with the server string to sign', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), { timestamp: NOW }, (h) => {
      h['x-ca-stage'] = 'TEST';
    });
    expect(res.status).toBe(400);
    const message = res.headers.get('x-ca-error-message') ?? '';
    expect(message).toMatch(
      /^Invalid Signature, Server StringToSign:`POST#application\/json#.*#x-ca-stage:TEST#.*\/vision\/customer\/cloudstorage\/order\/query`$/,
    );
  });

  it('wrong secret: 400 Invalid Signature', async () => {
    const res = await ilopPost(emulator.url, PATH, body(), {
      timestamp: NOW,
      appSecret: 'not-the-secret',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ca-error-message')).toMatch(/^Invalid Signature/);
  });

  it('counts rejected calls too', async () => {
    const before = emulator.calls().byApi[PATH] ?? 0;
    expect((await ilopPost(emulator.url, PATH, body(), { timestamp: NOW })).status).toBe(200);
    const wrong = { timestamp: NOW, appSecret: 'not-the-secret' };
    expect((await ilopPost(emulator.url, PATH, body(), wrong)).status).toBe(400);
    expect(
      (await ilopPost(emulator.url, PATH, body(), { timestamp: NOW - 3_600_000 })).status,
    ).toBe(400);
    expect(emulator.calls().byApi[PATH]).toBe(before + 3);
  });
});
