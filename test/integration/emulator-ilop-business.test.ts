import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, DEMO_EXAMPLE, demoDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { ilopCall, type Envelope } from './emulator-signer.js';

const NOW = Date.UTC(2025, 0, 15, 8, 0, 0);
const Q = '/vision/customer/cloudstorage/order/query';
const GET = '/vision/customer/cloudstorage/order/get';
const BIND = '/vision/customer/cloudstorage/bind/order';
const CREATE = '/vision/customer/streaming/order/create';
const PLANS = '/vision/customer/streaming/commodity/query';
const SQ = '/vision/customer/streaming/order/query';
const SGET = '/vision/customer/streaming/order/get';
const VER: Record<string, string> = { [Q]: '1.0.6', [GET]: '1.0.6' };
const ALICE = 'demo-token-alice';
const CAROL = 'demo-token-carol';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ now: () => NOW, dataset: demoDataset(Date.UTC(2025, 0, 15)) });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
});

async function call(path: string, params: Record<string, unknown>, e: Partial<Envelope> = {}) {
  const res = await ilopCall(
    emulator.url,
    path,
    { apiVer: VER[path] ?? '1.0.0', params, ...e },
    { timestamp: NOW },
  );
  expect(res.status).toBe(200); // past the gateway the outcome is in `code` (docs/vendors.md#envelope)
  return res.body as {
    id: string;
    code: number;
    message: string | null;
    localizedMsg: string | null;
    data: any;
  };
}

describe('envelope', () => {
  it('echoes the request id; reads answer "success"', async () => {
    const res = await call(Q, { iotId: DEMO_EXAMPLE.iotId }, { id: 'req-42' });
    expect(res).toMatchObject({
      id: 'req-42',
      code: 200,
      message: 'success',
      localizedMsg: 'success',
    });
  });
  it('a wrong apiVer is 20003; an unknown path is 404', async () => {
    expect((await call(Q, { iotId: DEMO_EXAMPLE.iotId }, { apiVer: '1.0.0' })).code).toBe(20003);
    const res = await call('/vision/customer/nothing/here', {});
    expect(res).toMatchObject({ code: 404, message: 'service not found.', data: null });
  });
});

describe('parameter rules (code 460)', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [Q, {}, /iotId is required/],
    [Q, { iotId: DEMO_EXAMPLE.iotId, pageSize: 51 }, /pageSize must be between 1 and 50/],
    [Q, { iotId: DEMO_EXAMPLE.iotId, pageSize: '0' }, /pageSize must be between 1 and 50/],
    [Q, { iotId: DEMO_EXAMPLE.iotId, pageNo: -1 }, /pageNo must be at least 0/],
    [Q, { iotId: DEMO_EXAMPLE.iotId, pageNo: 'first' }, /pageNo must be an integer/],
    [
      CREATE,
      { iotId: DEMO_EXAMPLE.iotId, commodityCode: 'streamingResource_20_10', copies: 0 },
      /copies must be between 1 and 60/,
    ],
    [
      CREATE,
      { iotId: DEMO_EXAMPLE.iotId, commodityCode: 'streamingResource_20_10', copies: 61 },
      /copies/,
    ],
    [CREATE, { iotId: DEMO_EXAMPLE.iotId, copies: 1 }, /commodityCode is required/],
    [CREATE, { iotId: DEMO_EXAMPLE.iotId, commodityCode: 'nope', copies: 1 }, /commodityCode nope/],
    [BIND, { iotId: DEMO_EXAMPLE.iotId }, /orderId is required/],
    [
      BIND,
      { iotId: DEMO_EXAMPLE.iotId, orderId: 'x', preRecordDuration: 6 },
      /preRecordDuration must be between 0 and 5/,
    ],
    [
      BIND,
      { iotId: DEMO_EXAMPLE.iotId, orderId: 'x', recordDuration: 31 },
      /recordDuration must be between 0 and 30/,
    ],
    [
      BIND,
      { iotId: DEMO_EXAMPLE.iotId, orderId: 'x', maxRecordFileDuration: 599 },
      /maxRecordFileDuration must be between 600 and 3600/,
    ],
    [
      BIND,
      { iotId: DEMO_EXAMPLE.iotId, orderId: 'x', maxRecordFileDuration: 3601 },
      /maxRecordFileDuration/,
    ],
  ];
  for (const [path, params, message] of cases) {
    it(`${path} ${JSON.stringify(params)}`, async () => {
      const res = await call(path, params, { language: 'en-US' });
      expect(res).toMatchObject({ code: 460, message: 'request parameter error.', data: null });
      expect(res.localizedMsg).toMatch(message);
    });
  }
  it('localizedMsg is Chinese by default (zh-CN)', async () => {
    const res = await call(Q, { iotId: DEMO_EXAMPLE.iotId, pageSize: 51 });
    expect(res.localizedMsg).toContain('参数pageSize取值范围为1~50');
  });
  it('accepts numeric strings for pageNo/pageSize (typed String in the order-query document)', async () => {
    const res = await call(Q, { iotId: DEMO_EXAMPLE.iotId, pageNo: '1', pageSize: '5' });
    expect(res.data).toMatchObject({ pageNo: 1, pageSize: 5 });
  });
});

describe('identity (request.iotToken)', () => {
  it('an unknown token is 2062', async () => {
    expect((await call(Q, { iotId: DEMO_EXAMPLE.iotId }, { iotToken: 'expired' })).code).toBe(2062);
  });
  it('a user not bound to the device is 2065', async () => {
    expect((await call(Q, { iotId: DEMO_DEVICES.aliceMany }, { iotToken: CAROL })).code).toBe(2065);
    expect(
      (await call(GET, { iotId: DEMO_DEVICES.aliceMany, orderId: 'x' }, { iotToken: CAROL })).code,
    ).toBe(2065);
  });
  it('a shared (bound, not admin) user reads but may not bind or buy: 2066', async () => {
    const shared = DEMO_DEVICES.bobManySharedWithAlice;
    expect((await call(Q, { iotId: shared }, { iotToken: ALICE })).code).toBe(200);
    const unbound = emulator.state().cloudStorageOrders.find((o) => o.iotId === null);
    expect(
      (await call(BIND, { iotId: shared, orderId: unbound?.orderId }, { iotToken: ALICE })).code,
    ).toBe(2066);
    const buy = { iotId: shared, commodityCode: 'streamingResource_20_10', copies: 1 };
    expect((await call(CREATE, buy, { iotToken: ALICE })).code).toBe(2066);
  });
  it('without a token the AppKey reaches every device', async () => {
    expect((await call(Q, { iotId: DEMO_DEVICES.aliceMany })).code).toBe(200);
  });
});

describe('cloud-storage order list and detail', () => {
  it('pages from pageNo 0, newest first, with totals', async () => {
    const iotId = DEMO_DEVICES.aliceMany;
    const pages = await Promise.all(
      [0, 1, 2, 3].map((pageNo) => call(Q, { iotId, pageNo, pageSize: 50 })),
    );
    expect(pages.map((p) => p.data.orderList.length)).toEqual([50, 50, 20, 0]);
    for (const p of pages) expect(p.data).toMatchObject({ pageSize: 50, pageCount: 3, total: 120 });
    const all = pages.flatMap((p) => p.data.orderList);
    expect(new Set(all.map((o: any) => o.orderId)).size).toBe(120);
    const starts = all.map((o: any) => o.startTimeUTC);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(Object.keys(all[0]).sort()).toEqual(
      [
        'commodityCode',
        'copies',
        'endTime',
        'endTimeUTC',
        'identityId',
        'iotId',
        'orderId',
        'orderType',
        'outOrderNo',
        'paymentStatus',
        'preConsume',
        'price',
        'recordType',
        'specification',
        'startTime',
        'startTimeUTC',
        'status',
        'userId',
        'userName',
      ].sort(),
    );
    expect(all[0].startTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(typeof all[0].price).toBe('string');
  });
  it('an unknown iotId lists an empty page; its detail is 460', async () => {
    const res = await call(Q, { iotId: 'no-such-device' });
    expect(res.data).toEqual({ pageNo: 0, pageSize: 20, pageCount: 0, total: 0, orderList: [] });
    const detail = await call(
      GET,
      { iotId: 'no-such-device', orderId: 'x' },
      { language: 'en-US' },
    );
    expect(detail.code).toBe(460);
    expect(detail.localizedMsg).toMatch(/iotId no-such-device does not exist/);
  });
  it('detail returns one order of the device', async () => {
    const list = await call(Q, { iotId: DEMO_EXAMPLE.iotId, pageSize: 1 });
    const order = list.data.orderList[0];
    const res = await call(
      GET,
      { iotId: DEMO_EXAMPLE.iotId, orderId: order.orderId },
      { iotToken: ALICE },
    );
    expect(res.data).toEqual(order);
    expect((await call(GET, { iotId: DEMO_DEVICES.aliceMany, orderId: order.orderId })).code).toBe(
      460,
    );
  });
});

describe('bind (docs/vendors.md#endpoints)', () => {
  const unboundOrder = () => emulator.state().cloudStorageOrders.find((o) => o.iotId === null)!;
  const settings = {
    enableDefaultPlan: true,
    preRecordDuration: 5,
    recordDuration: 10,
    eventRecordProlong: false,
    maxRecordFileDuration: 1800,
  };

  it('attaches an unbound order to the device admin and stores the settings', async () => {
    const order = unboundOrder();
    const res = await call(
      BIND,
      {
        iotId: DEMO_EXAMPLE.iotId,
        orderId: order.orderId,
        userName: '张三',
        userId: 'u-42',
        ...settings,
      },
      { iotToken: ALICE },
    );
    expect(res).toEqual({
      id: expect.any(String),
      code: 200,
      message: null,
      localizedMsg: null,
      data: null,
    });
    const stored = emulator.state().cloudStorageOrders.find((o) => o.orderId === order.orderId);
    expect(stored).toMatchObject({
      iotId: DEMO_EXAMPLE.iotId,
      identityId: 'identity-alice',
      userName: '张三',
      userId: 'u-42',
      recordSettings: settings,
    });
    const detail = await call(GET, { iotId: DEMO_EXAMPLE.iotId, orderId: order.orderId });
    expect(detail.data.iotId).toBe(DEMO_EXAMPLE.iotId);
    expect(detail.data.recordSettings).toBeUndefined();
    // Rebinding to the same device succeeds; to another device fails clearly.
    expect((await call(BIND, { iotId: DEMO_EXAMPLE.iotId, orderId: order.orderId })).code).toBe(
      200,
    );
    const other = await call(
      BIND,
      { iotId: DEMO_DEVICES.aliceMany, orderId: order.orderId },
      { language: 'en-US' },
    );
    expect(other.code).toBe(460);
    expect(other.localizedMsg).toMatch(/already bound to another device/);
  });
  it('an unknown order or a device without an admin is 460', async () => {
    const res = await call(
      BIND,
      { iotId: DEMO_EXAMPLE.iotId, orderId: 'nope' },
      { language: 'en-US' },
    );
    expect(res.localizedMsg).toMatch(/orderId nope does not exist/);
    const noAdmin = await call(
      BIND,
      { iotId: DEMO_DEVICES.noAdmin, orderId: unboundOrder().orderId },
      { language: 'en-US' },
    );
    expect(noAdmin.code).toBe(460);
    expect(noAdmin.localizedMsg).toMatch(/has no admin/);
  });
  it('answers the order when the dataset says bindReturnsOrder', async () => {
    const dataset = { ...emulator.state(), settings: { bindReturnsOrder: true } };
    const put = await fetch(`${emulator.url}/__emulator/state`, {
      method: 'PUT',
      body: JSON.stringify(dataset),
    });
    expect(put.status).toBe(200);
    const order = unboundOrder();
    const res = await call(BIND, { iotId: DEMO_EXAMPLE.iotId, orderId: order.orderId });
    expect(res.data).toMatchObject({
      orderId: order.orderId,
      iotId: DEMO_EXAMPLE.iotId,
      identityId: 'identity-alice',
    });
  });
});

describe('streaming plans and orders (docs/vendors.md#endpoints)', () => {
  it('lists the plans', async () => {
    const res = await call(PLANS, {});
    expect(res.data).toContainEqual({
      commodityCode: 'streamingResource_20_10',
      commodityName: expect.any(String),
      months: 1,
      quota: 10,
      price: '140',
    });
  });
  it('creates an unpaid order starting now, with a billing order', async () => {
    const buy = {
      iotId: DEMO_EXAMPLE.iotId,
      commodityCode: 'streamingResource_20_10',
      copies: 3,
      userName: 'a',
      userId: 'u',
      immediateUse: true,
    };
    const res = await call(CREATE, buy, { iotToken: ALICE });
    expect(res.code).toBe(200);
    expect(res.data).toMatchObject({
      identityId: 'identity-alice',
      commodityCode: 'streamingResource_20_10',
      copies: 3,
      months: 1,
      status: 0,
      paymentStatus: 0,
      price: '420',
      userName: 'a',
      userId: 'u',
      startTimeUTC: '2025-01-15T08:00:00Z',
      endTimeUTC: '2025-04-15T08:00:00Z',
      startTime: '2025-01-15 16:00:00',
      endTime: '2025-04-15 16:00:00',
    });
    expect(Object.keys(res.data).sort()).toEqual(
      [
        'commodityCode',
        'commodityName',
        'copies',
        'endTime',
        'endTimeUTC',
        'identityId',
        'months',
        'orderId',
        'outOrderNo',
        'paymentStatus',
        'price',
        'startTime',
        'startTimeUTC',
        'status',
        'userId',
        'userName',
      ].sort(),
    );
    const billing = emulator.state().billingOrders.find((b) => b.OrderId === res.data.outOrderNo);
    expect(billing).toMatchObject({
      PaymentStatus: 'Unpaid',
      OrderType: 'New',
      SubscriptionType: 'Subscription',
      PretaxAmount: '420.00',
      CreateTime: '2025-01-15T08:00:00Z',
    });
    const list = await call(SQ, { iotId: DEMO_EXAMPLE.iotId });
    expect(list.data.orderList.map((o: any) => o.orderId)).toContain(res.data.orderId);
    const one = await call(SGET, { iotId: DEMO_EXAMPLE.iotId, orderId: res.data.orderId });
    expect(one.data).toEqual(res.data);
  });
  it('immediateUse false starts when the latest plan of the device ends', async () => {
    const latest = emulator
      .state()
      .streamingOrders.filter((o) => o.iotId === DEMO_EXAMPLE.iotId)
      .map((o) => o.endTimeUTC)
      .sort()
      .pop();
    const res = await call(CREATE, {
      iotId: DEMO_EXAMPLE.iotId,
      commodityCode: 'streamingResource_20_10',
      copies: 1,
      immediateUse: false,
    });
    expect(res.data.startTimeUTC).toBe(
      latest && latest > '2025-01-15T08:00:00Z' ? latest : '2025-01-15T08:00:00Z',
    );
    const second = await call(CREATE, {
      iotId: DEMO_EXAMPLE.iotId,
      commodityCode: 'streamingResource_20_10',
      copies: 1,
    });
    expect(second.data.startTimeUTC).toBe(res.data.endTimeUTC);
  });
  it('the streaming list of an unknown device is empty; its detail is 460', async () => {
    expect((await call(SQ, { iotId: 'nope' })).data.total).toBe(0);
    expect((await call(SGET, { iotId: DEMO_EXAMPLE.iotId, orderId: 'nope' })).code).toBe(460);
  });
});
