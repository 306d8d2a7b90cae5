import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { acs3, acs3Request, classic, send, utcNow } from './emulator-signer.js';

// Protocol §B over HTTP: both signature styles, every rejection, QueryOrders and GetOrderDetail.
const NOW = Date.UTC(2025, 0, 15, 8, 0, 0);
const DATE = utcNow(NOW);
const dataset = generateDataset({ seed: 3, now: Date.UTC(2025, 0, 15), devices: 12 });

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ now: () => NOW, dataset });
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

describe('QueryOrders (seed 003)', () => {
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
