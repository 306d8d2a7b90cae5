import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { AK_ID, AK_SECRET, acs3, acs3Request, classic, send, utcNow } from './emulator-signer.js';

// BSS (docs/vendors.md#bss) over HTTP: both signature styles, every rejection, QueryOrders and GetOrderDetail.
const NOW = Date.UTC(2025, 0, 15, 8, 0, 0);
const DATE = utcNow(NOW);
const dataset = generateDataset({ seed: 3, now: Date.UTC(2025, 0, 15), devices: 12 });

let emulator: Emulator;
beforeAll(async () => {
  // The vendor's limit is off here: these calls share one pinned instant; flow control is tested below.
  emulator = await createEmulator({ now: () => NOW, dataset, bssQps: 0 });
});
afterAll(() => emulator.close());

function expectError(res: { status: number; json: () => any }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = res.json();
  expect(body).toEqual({
    RequestId: expect.any(String),
    HostId: expect.any(String),
    Code: code,
    Message: expect.any(String),
    Recommend: expect.any(String),
  });
  return body;
}

const WIDE = { CreateTimeStart: '2000-01-01T00:00:00Z', CreateTimeEnd: '2030-01-01T00:00:00Z' };

describe('BSS signatures', () => {
  it('accepts ACS3, classic GET and classic POST with a form body', async () => {
    for (const res of [
      await acs3(emulator.url, 'QueryOrders', WIDE, { date: DATE }),
      await classic(emulator.url, 'GET', 'QueryOrders', WIDE, { date: DATE }),
      await classic(emulator.url, 'POST', 'QueryOrders', WIDE, { date: DATE }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ Success: true, Code: 'Success' });
    }
  });

  it("verifies the decoded query re-encoded, not the raw text (SDKs leave !'()* raw)", async () => {
    const { url, init } = acs3Request(
      emulator.url,
      'QueryOrders',
      { ...WIDE, ProductCode: "a(b)*c!'" },
      { date: DATE },
    );
    const raw = url.replace('a%28b%29%2Ac%21%27', "a(b)*c!'");
    expect(raw).not.toBe(url);
    expect((await send(raw, init)).status).toBe(200);
  });

  it('tampered parameter: SignatureDoesNotMatch ending with the server string to sign', async () => {
    const { url, init } = acs3Request(
      emulator.url,
      'QueryOrders',
      { ...WIDE, PageSize: '20' },
      { date: DATE },
    );
    const body = expectError(
      await send(url.replace('PageSize=20', 'PageSize=21'), init),
      400,
      'SignatureDoesNotMatch',
    );
    expect(body.Message).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    const c = await classic(emulator.url, 'GET', 'QueryOrders', WIDE, {
      date: DATE,
      secret: 'wrong',
    });
    expect(expectError(c, 400, 'SignatureDoesNotMatch').Message).toMatch(
      /server string to sign is:GET&%2F&AccessKeyId%3D/,
    );
  });

  it('a body not matching x-acs-content-sha256 is a signature mismatch', async () => {
    const { url, init } = acs3Request(emulator.url, 'QueryOrders', WIDE, { date: DATE });
    expectError(await send(url, { ...init, body: 'PageSize=1' }), 400, 'SignatureDoesNotMatch');
  });

  it('replayed nonce: SignatureNonceUsed (both styles)', async () => {
    const { url, init } = acs3Request(emulator.url, 'QueryOrders', WIDE, { date: DATE });
    expect((await send(url, init)).status).toBe(200);
    expectError(await send(url, init), 400, 'SignatureNonceUsed');
    const nonce = 'classic-replay';
    expect(
      (await classic(emulator.url, 'GET', 'QueryOrders', WIDE, { date: DATE, nonce })).status,
    ).toBe(200);
    expectError(
      await classic(emulator.url, 'GET', 'QueryOrders', WIDE, { date: DATE, nonce }),
      400,
      'SignatureNonceUsed',
    );
  });

  it('stale: InvalidTimeStamp.Expired beyond 15 minutes', async () => {
    const stale = utcNow(NOW - 16 * 60_000);
    expectError(
      await acs3(emulator.url, 'QueryOrders', WIDE, { date: stale }),
      400,
      'InvalidTimeStamp.Expired',
    );
    expectError(
      await classic(emulator.url, 'GET', 'QueryOrders', WIDE, { date: utcNow(NOW + 16 * 60_000) }),
      400,
      'InvalidTimeStamp.Expired',
    );
  });

  it('unknown key: InvalidAccessKeyId.NotFound (404)', async () => {
    expectError(
      await acs3(emulator.url, 'QueryOrders', WIDE, { date: DATE, accessKeyId: 'LTAIunknown' }),
      404,
      'InvalidAccessKeyId.NotFound',
    );
    expectError(
      await classic(emulator.url, 'POST', 'QueryOrders', WIDE, {
        date: DATE,
        accessKeyId: 'LTAIunknown',
      }),
      404,
      'InvalidAccessKeyId.NotFound',
    );
  });

  it('missing signature: IncompleteSignature', async () => {
    expectError(
      await send(`${emulator.url}/?Action=QueryOrders`, { method: 'GET' }),
      400,
      'IncompleteSignature',
    );
    const { url, init } = acs3Request(emulator.url, 'QueryOrders', WIDE, { date: DATE });
    const headers = {
      ...init.headers,
      authorization: 'ACS3-HMAC-SHA256 Credential=LTAIsubgateDemoKey',
    };
    expectError(await send(url, { ...init, headers }), 400, 'IncompleteSignature');
  });

  it('unknown action: InvalidAction.NotFound', async () => {
    expectError(
      await acs3(emulator.url, 'DescribeNothing', {}, { date: DATE }),
      404,
      'InvalidAction.NotFound',
    );
  });
});

const query = async (params: Record<string, string>) => {
  const res = await acs3(emulator.url, 'QueryOrders', params, { date: DATE });
  expect(res.status).toBe(200);
  return res.json();
};

describe('QueryOrders (docs/vendors.md#queryorders)', () => {
  it('pages newest first from PageNum 1, every field a string', async () => {
    const all = dataset.billingOrders.length;
    const first = await query({ ...WIDE, PageSize: '7' });
    expect(first).toMatchObject({
      Success: true,
      Code: 'Success',
      Message: 'Successful!',
      Data: { PageNum: 1, PageSize: 7, TotalCount: all },
    });
    const orders = first.Data.OrderList.Order;
    expect(orders).toHaveLength(7);
    const times = orders.map((o: any) => o.CreateTime);
    expect([...times].sort().reverse()).toEqual(times);
    for (const o of orders)
      for (const [k, v] of Object.entries(o))
        expect(typeof v === 'string' || (k === 'PaymentStatus' && v === null)).toBe(true);
    const second = await query({ ...WIDE, PageSize: '7', PageNum: '2' });
    expect(second.Data.OrderList.Order[0].OrderId).not.toBe(orders[0].OrderId);
    const defaults = await query(WIDE);
    expect(defaults.Data.PageSize).toBe(20);
  });

  it('with no window, the last hour by the emulator clock', async () => {
    const res = await query({});
    const hourAgo = utcNow(NOW - 3_600_000);
    const expected = dataset.billingOrders.filter(
      (o) => o.CreateTime >= hourAgo && o.CreateTime <= DATE,
    ).length;
    expect(res.Data.TotalCount).toBe(expected);
  });

  it('applies the window and every filter', async () => {
    const start = '2025-01-10T00:00:00Z';
    const res = await query({ CreateTimeStart: start, CreateTimeEnd: DATE, PageSize: '100' });
    const inWindow = dataset.billingOrders.filter(
      (o) => o.CreateTime >= start && o.CreateTime <= DATE,
    );
    expect(res.Data.TotalCount).toBe(inWindow.length);
    expect(inWindow.length).toBeGreaterThan(0);
    for (const [name, value] of [
      ['ProductCode', 'oss'],
      ['ProductType', 'linkvisual_cloudstorage'],
      ['SubscriptionType', 'PayAsYouGo'],
      ['OrderType', 'Refund'],
      ['PaymentStatus', 'Paid'],
    ] as const) {
      const filtered = await query({ ...WIDE, [name]: value, PageSize: '100' });
      const expected = dataset.billingOrders.filter((o) => o[name] === value).length;
      expect(filtered.Data.TotalCount, name).toBe(expected);
      expect(expected, name).toBeGreaterThan(0);
    }
  });

  it('refuses a bad PageSize or time', async () => {
    expectError(
      await acs3(emulator.url, 'QueryOrders', { PageSize: '101' }, { date: DATE }),
      400,
      'InvalidParameter',
    );
    expectError(
      await acs3(emulator.url, 'QueryOrders', { PageNum: '0' }, { date: DATE }),
      400,
      'InvalidParameter',
    );
    expectError(
      await acs3(emulator.url, 'QueryOrders', { CreateTimeStart: 'yesterday' }, { date: DATE }),
      400,
      'InvalidParameter',
    );
  });
});

describe('GetOrderDetail', () => {
  it('returns the sub-orders with the order fields', async () => {
    const order = dataset.billingOrders.find((o) => o.SubOrders)!;
    const res = await acs3(
      emulator.url,
      'GetOrderDetail',
      { OrderId: order.OrderId },
      { date: DATE },
    );
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.Data.TotalCount).toBe(1);
    expect(body.Data.OrderList.Order[0]).toMatchObject({
      OrderId: order.OrderId,
      PretaxAmount: order.PretaxAmount,
      SubOrderId: expect.any(String),
      OrderSubType: expect.any(String),
      UsageStartTime: expect.any(String),
      UsageEndTime: expect.any(String),
      Quantity: expect.any(String),
      Region: 'cn-shanghai',
      InstanceIDs: expect.any(String),
      Operator: expect.any(String),
      Config: expect.any(String),
    });
  });
  it('an unknown OrderId is an empty success; a missing one is MissingParameter', async () => {
    const res = await classic(
      emulator.url,
      'GET',
      'GetOrderDetail',
      { OrderId: '1' },
      { date: DATE },
    );
    expect(res.json()).toMatchObject({
      Success: true,
      Data: { TotalCount: 0, OrderList: { Order: [] } },
    });
    expectError(
      await classic(emulator.url, 'GET', 'GetOrderDetail', {}, { date: DATE }),
      400,
      'MissingParameter',
    );
  });
});

describe('BSS flow control (10 calls per second per AccessKeyId per API)', () => {
  const OTHER = { accessKeyId: 'LTAIsecondKey', accessKeySecret: 'second-key-secret' };
  let clock = NOW;
  let limited: Emulator;
  beforeAll(async () => {
    limited = await createEmulator({
      now: () => clock,
      dataset,
      accessKeys: [{ accessKeyId: AK_ID, accessKeySecret: AK_SECRET }, OTHER],
    });
  });
  afterAll(() => limited.close());

  const call = (url: string, action: string, key?: typeof OTHER) =>
    acs3(url, action, action === 'QueryOrders' ? WIDE : { OrderId: '1' }, {
      date: utcNow(clock),
      ...(key ? { accessKeyId: key.accessKeyId, secret: key.accessKeySecret } : {}),
    });

  it('is on by default: the 11th call to one API within a second is Throttling.User', async () => {
    for (let i = 0; i < 10; i++) expect((await call(limited.url, 'QueryOrders')).status).toBe(200);
    clock += 999;
    const throttled = await call(limited.url, 'QueryOrders');
    expectError(throttled, 400, 'Throttling.User');
    expect(Number(throttled.headers.get('x-acs-retry-after'))).toBe(1);
    // Another API and another AccessKeyId have windows of their own.
    expect((await call(limited.url, 'GetOrderDetail')).status).toBe(200);
    expect((await call(limited.url, 'QueryOrders', OTHER)).status).toBe(200);
    // A throttled call does not use up the window: one millisecond later the first call has left it.
    clock += 1;
    expect((await call(limited.url, 'QueryOrders')).status).toBe(200);
  });

  it('follows the bssQps option; 0 turns it off', async () => {
    const three = await createEmulator({ now: () => clock, dataset, bssQps: 3 });
    const off = await createEmulator({ now: () => clock, dataset, bssQps: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await call(three.url, 'QueryOrders')).status).toBe(200);
      expectError(await call(three.url, 'QueryOrders'), 400, 'Throttling.User');
      for (let i = 0; i < 25; i++) expect((await call(off.url, 'QueryOrders')).status).toBe(200);
    } finally {
      await Promise.all([three.close(), off.close()]);
    }
    await expect(createEmulator({ bssQps: -1 })).rejects.toThrow(/bssQps/);
  });

  it('is set at run time through /__emulator/limits; maxQps fault rules apply on top', async () => {
    const limits = async (method: string, body?: unknown) => {
      const res = await fetch(`${limited.url}/__emulator/limits`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    clock += 10_000;
    expect(await limits('GET')).toEqual({ status: 200, body: { bssQps: 10 } });
    expect(await limits('PUT', { bssQps: 2 })).toEqual({ status: 200, body: { bssQps: 2 } });
    for (let i = 0; i < 2; i++) expect((await call(limited.url, 'QueryOrders')).status).toBe(200);
    expectError(await call(limited.url, 'QueryOrders'), 400, 'Throttling.User');
    const refused = await limits('PUT', { bssQps: -1, extra: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['bssQps', '(root)']),
    );
    expect((await limits('GET')).body).toEqual({ bssQps: 2 });
    expect((await limits('PUT', { bssQps: 0 })).body).toEqual({ bssQps: 0 });
    for (let i = 0; i < 15; i++) expect((await call(limited.url, 'QueryOrders')).status).toBe(200);
    await fetch(`${limited.url}/__emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify([{ api: 'GetOrderDetail', maxQps: 1 }]),
    });
    expect((await call(limited.url, 'GetOrderDetail')).status).toBe(200);
    expectError(await call(limited.url, 'GetOrderDetail'), 400, 'Throttling.User');
    await fetch(`${limited.url}/__emulator/faults`, { method: 'PUT', body: '[]' });
    await limits('PUT', { bssQps: 10 });
  });
});
