/**
 * Our vendor clients against the emulator (an independent implementation that verifies
 * signatures): every endpoint, every rejection class and the VendorError it becomes, retries,
 * write-once, timeouts, aborts, malformed bodies and dropped connections. What the emulator
 * received is asserted through its control API (`/__emulator/calls`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_BSS_ACCESS_KEY_ID,
  DEMO_BSS_ACCESS_KEY_SECRET,
  DEMO_ILOP_APP_KEY,
  DEMO_ILOP_APP_SECRET,
  type BssConfig,
  type IlopConfig,
} from '../../src/config.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { createBssClient, type BssClientOptions } from '../../src/upstream/bss/client.js';
import type { CallEvent } from '../../src/upstream/call-event.js';
import type { BssApi, IlopApi } from '../../src/upstream/clients.js';
import { VendorError } from '../../src/upstream/vendor-error.js';
import { createIlopClient, type IlopClientOptions } from '../../src/upstream/ilop/client.js';
import { CLOUD_STORAGE_PATHS } from '../../src/upstream/ilop/cloud-storage.js';
import { buildEnvelope, unwrapIlopResponse } from '../../src/upstream/ilop/envelope.js';
import { signIlop } from '../../src/upstream/ilop/signature.js';
import { STREAMING_PATHS } from '../../src/upstream/ilop/streaming.js';
import { READ_RETRY_POLICY } from '../../src/upstream/pipeline/retry.js';
import { vendorError } from '../vendor-rejection.js';

const ALICE = 'demo-token-alice';
const CAROL = 'demo-token-carol';
const QUERY = CLOUD_STORAGE_PATHS.query;

type IlopPatch = Partial<Omit<IlopConfig, 'endpoint'>>;
type BssPatch = Partial<Omit<BssConfig, 'endpoint'>>;

let emu: Emulator;
const opened: { close(): Promise<void> }[] = [];

const ilopConfig = (patch: IlopPatch = {}): IlopConfig & { endpoint: string } => ({
  endpoint: emu.url,
  appKey: DEMO_ILOP_APP_KEY,
  appSecret: DEMO_ILOP_APP_SECRET,
  stage: 'RELEASE',
  streamingOrderQueryApiVer: '1.0.0',
  streamingOrderGetApiVer: '1.0.0',
  streamingOrderEnableApiVer: '1.0.0',
  freeCloudStorageConsumeApiVer: '1.0.3',
  bindingListApiVer: '1.0.8',
  bindingPageSize: 50,
  connections: 8,
  timeoutMs: 3500,
  longTimeoutMs: 10_500,
  ...patch,
});
const bssConfig = (patch: BssPatch = {}): BssConfig & { endpoint: string } => ({
  endpoint: emu.url,
  accessKeyId: DEMO_BSS_ACCESS_KEY_ID,
  accessKeySecret: DEMO_BSS_ACCESS_KEY_SECRET,
  connections: 8,
  timeoutMs: 5000,
  ...patch,
});
function ilopClient(patch: IlopPatch = {}, options: IlopClientOptions = {}): IlopApi {
  const client = createIlopClient(ilopConfig(patch), options);
  opened.push(client);
  return client;
}
function bssClient(patch: BssPatch = {}, options: BssClientOptions = {}): BssApi {
  const client = createBssClient(bssConfig(patch), options);
  opened.push(client);
  return client;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const faults = (rules: unknown[]) => control('PUT', 'faults', rules);
async function callsTo(api: string): Promise<number> {
  const calls = (await control('GET', 'calls')) as { byApi: Record<string, number> };
  return calls.byApi[api] ?? 0;
}

let ilop: IlopApi;
let bss: BssApi;

beforeAll(async () => {
  emu = await createEmulator();
  ilop = ilopClient();
  bss = bssClient();
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await emu.close();
});
beforeEach(async () => {
  await faults([]);
  await control('POST', 'reset');
  await control('DELETE', 'calls');
});

describe('Living IoT endpoints', () => {
  it('queries cloud-storage orders page by page (0-based pages, offsets from the echo)', async () => {
    const iotId = DEMO_DEVICES.aliceMany;
    const expected = emu.state().cloudStorageOrders.filter((o) => o.iotId === iotId);
    const first = await ilop.queryCloudStorageOrders(
      { iotId, pageNo: 0, pageSize: 50 },
      { iotToken: ALICE },
    );
    const third = await ilop.queryCloudStorageOrders(
      { iotId, pageNo: 2, pageSize: 50 },
      { iotToken: ALICE },
    );
    expect(first).toMatchObject({ offset: 0, pageSize: 50, total: expected.length });
    expect(first.items).toHaveLength(50);
    expect(third.offset).toBe(100);
    expect(third.items).toHaveLength(expected.length - 100);
    const order = first.items[0]!;
    expect(order.iotId).toBe(iotId);
    expect(order.price.currency).toBe('CNY');
    expect(order.startTime).toBeInstanceOf(Date);
    expect(['ACTIVE', 'EXPIRED', 'FROZEN', 'CREATING']).toContain(order.status);
    expect(await callsTo(QUERY)).toBe(2);
  });

  it('works without an iotToken (the AppKey authority, docs/vendors.md#identity)', async () => {
    const page = await ilop.queryCloudStorageOrders({
      iotId: DEMO_DEVICES.aliceExample,
      pageNo: 0,
      pageSize: 5,
    });
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('gets one cloud-storage order, matching the emulator state', async () => {
    const iotId = DEMO_DEVICES.aliceExample;
    const wire = emu.state().cloudStorageOrders.find((o) => o.iotId === iotId)!;
    const order = await ilop.getCloudStorageOrder(
      { iotId, orderId: wire.orderId },
      { iotToken: ALICE },
    );
    expect(order).toMatchObject({
      iotId,
      orderId: wire.orderId,
      outOrderNo: wire.outOrderNo,
      price: { amount: wire.price, currency: 'CNY' },
      copies: wire.copies,
      preConsume: wire.preConsume,
    });
    expect(order.startTime?.toISOString().replace('.000Z', 'Z')).toBe(wire.startTimeUTC);
  });

  it('binds an unbound order to the admin: data null by default, the order when configured', async () => {
    const iotId = DEMO_DEVICES.aliceExample;
    const unbound = emu.state().cloudStorageOrders.filter((o) => o.iotId === null);
    const bound = await ilop.bindCloudStorageOrder(
      {
        iotId,
        orderId: unbound[0]!.orderId,
        userName: '张三',
        preRecordDuration: 5,
        recordDuration: 10,
        maxRecordFileDuration: 1800,
        enableDefaultPlan: true,
        eventRecordProlong: false,
      },
      { iotToken: ALICE },
    );
    expect(bound).toBeNull();
    expect(
      emu.state().cloudStorageOrders.find((o) => o.orderId === unbound[0]!.orderId),
    ).toMatchObject({ iotId, userName: '张三' });

    await control('PUT', 'state', { ...emu.state(), settings: { bindReturnsOrder: true } });
    const order = await ilop.bindCloudStorageOrder(
      { iotId, orderId: unbound[1]!.orderId },
      { iotToken: ALICE },
    );
    expect(order).toMatchObject({ iotId, orderId: unbound[1]!.orderId });
    expect(await callsTo(CLOUD_STORAGE_PATHS.bind)).toBe(2);
  });

  it('lists streaming plans', async () => {
    const plans = await ilop.queryStreamingPlans({ iotToken: ALICE });
    expect(plans.map((p) => p.commodityCode)).toEqual(
      emu.state().streamingCommodities.map((c) => c.commodityCode),
    );
    expect(plans[0]!.price.currency).toBe('CNY');
  });

  it('creates a streaming order, then finds it by list, by id and in BSS by outOrderNo', async () => {
    const iotId = DEMO_DEVICES.aliceExample;
    const created = await ilop.createStreamingOrder(
      {
        iotId,
        commodityCode: 'streamingResource_20_10',
        copies: 2,
        userName: 'alice',
        immediateUse: true,
      },
      { iotToken: ALICE },
    );
    expect(created).toMatchObject({
      iotId,
      commodityCode: 'streamingResource_20_10',
      copies: 2,
      status: 'ACTIVE',
      paymentStatus: 'UNPAID',
    });
    expect(await callsTo(STREAMING_PATHS.create)).toBe(1);

    const list = await ilop.queryStreamingOrders(
      { iotId, pageNo: 0, pageSize: 50 },
      { iotToken: ALICE },
    );
    expect(list.items.map((o) => o.orderId)).toContain(created.orderId);
    expect(list.items.every((o) => o.iotId === iotId)).toBe(true);
    const again = await ilop.getStreamingOrder(
      { iotId, orderId: created.orderId },
      { iotToken: ALICE },
    );
    expect(again).toEqual(created);

    const billing = await bss.getOrderDetail(created.outOrderNo!);
    expect(billing).toMatchObject({
      orderId: created.outOrderNo,
      orderType: 'NEW',
      paymentStatus: 'UNPAID',
    });
    expect(billing!.subOrders.length).toBeGreaterThan(0);
    expect(billing!.pretaxAmount?.amount).toBeDefined();
  });
});

describe('BSS endpoints', () => {
  it('QueryOrders: filters, 1-based pages, enums and amounts mapped', async () => {
    const all = emu.state().billingOrders;
    const since = new Date(Date.now() - 400 * 24 * 3600_000);
    const page1 = await bss.queryOrders({
      pageNum: 1,
      pageSize: 20,
      createdAfter: since,
      createdBefore: new Date(),
    });
    const page2 = await bss.queryOrders({
      pageNum: 2,
      pageSize: 20,
      createdAfter: since,
      createdBefore: new Date(),
    });
    expect(page1.offset).toBe(0);
    expect(page2.offset).toBe(20);
    expect(page1.total).toBeGreaterThan(20);
    expect(page1.total).toBeLessThanOrEqual(all.length);
    for (const o of page1.items) {
      expect(o.pretaxAmount?.currency).toBe(o.currency);
      expect(o.createTime).toBeInstanceOf(Date);
    }
    const refunds = await bss.queryOrders({
      pageNum: 1,
      pageSize: 20,
      createdAfter: since,
      orderType: 'REFUND',
    });
    // The emulator's own rows are the truth: a misspelled enum would match none of them.
    const truth = (keep: (o: (typeof all)[number]) => boolean) =>
      all
        .filter((o) => Date.parse(o.CreateTime) >= since.getTime() && keep(o))
        .map((o) => o.OrderId);
    const refundIds = truth((o) => o.OrderType === 'Refund');
    expect(refundIds.length).toBeGreaterThan(0);
    expect(refunds.total).toBe(refundIds.length);
    expect(refunds.items).toHaveLength(Math.min(20, refundIds.length));
    expect(refundIds).toEqual(expect.arrayContaining(refunds.items.map((o) => o.orderId)));
    expect(refunds.items.every((o) => o.orderType === 'REFUND')).toBe(true);
    const paid = await bss.queryOrders({
      pageNum: 1,
      pageSize: 20,
      createdAfter: since,
      paymentStatus: 'PAID',
      subscriptionType: 'SUBSCRIPTION',
    });
    const paidIds = truth(
      (o) => o.PaymentStatus === 'Paid' && o.SubscriptionType === 'Subscription',
    );
    expect(paidIds.length).toBeGreaterThan(0);
    expect(paid.total).toBe(paidIds.length);
    expect(paid.items).toHaveLength(Math.min(20, paidIds.length));
    expect(paidIds).toEqual(expect.arrayContaining(paid.items.map((o) => o.orderId)));
    expect(
      paid.items.every((o) => o.paymentStatus === 'PAID' && o.subscriptionType === 'SUBSCRIPTION'),
    ).toBe(true);
  });

  it('GetOrderDetail: one order with its sub-orders; an unknown id is null', async () => {
    const wire = emu.state().billingOrders[0]!;
    const order = await bss.getOrderDetail(wire.OrderId);
    expect(order).toMatchObject({ orderId: wire.OrderId, currency: wire.Currency });
    expect(order!.subOrders.length).toBeGreaterThan(0);
    expect(await bss.getOrderDetail('999999999999999')).toBeNull();
    expect(await callsTo('GetOrderDetail')).toBe(2);
  });
});

describe('Living IoT rejections → VendorError', () => {
  const query = (client: IlopApi, token?: string, iotId: string = DEMO_DEVICES.aliceExample) =>
    client.queryCloudStorageOrders(
      { iotId, pageNo: 0, pageSize: 10 },
      token ? { iotToken: token } : {},
    );

  it('signature mismatch → gateway InvalidSignature with the gateway request id', async () => {
    const err = await vendorError(query(ilopClient({ appSecret: 'wrong' })));
    expect(err).toMatchObject({
      vendor: 'ilop',
      kind: 'gateway',
      code: 'InvalidSignature',
      httpStatus: 400,
      api: QUERY,
    });
    expect(err.message).toMatch(/^Invalid Signature/);
    expect(err.requestId).toBeTruthy();
  });

  it('unknown AppKey → gateway InvalidAppKey', async () => {
    const err = await vendorError(query(ilopClient({ appKey: '99999999' })));
    expect(err).toMatchObject({ kind: 'gateway', code: 'InvalidAppKey', httpStatus: 400 });
  });

  it('clock skew over 15 minutes → gateway TimestampExpired', async () => {
    const skewed = ilopClient({}, { now: () => Date.now() - 16 * 60_000 });
    expect(await vendorError(query(skewed))).toMatchObject({
      kind: 'gateway',
      code: 'TimestampExpired',
    });
  });

  it('a replayed nonce → gateway NonceUsed (our client never replays: shown with a raw resend)', async () => {
    const body = buildEnvelope({
      id: randomUUID(),
      apiVer: '1.0.6',
      params: { iotId: DEMO_DEVICES.aliceExample },
    });
    const signed = signIlop({
      appKey: DEMO_ILOP_APP_KEY,
      appSecret: DEMO_ILOP_APP_SECRET,
      stage: 'RELEASE',
      method: 'POST',
      pathAndQuery: QUERY,
      body,
      timestamp: Date.now(),
      nonce: randomUUID(),
    });
    const send = async () => {
      const res = await fetch(`${emu.url}${QUERY}`, {
        method: 'POST',
        headers: signed.headers,
        body,
      });
      return {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: await res.text(),
      };
    };
    expect(unwrapIlopResponse(await send(), { api: QUERY, requestId: 'x' })).toBeTruthy();
    let err: unknown;
    try {
      unwrapIlopResponse(await send(), { api: QUERY, requestId: 'x' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ kind: 'gateway', code: 'NonceUsed', httpStatus: 400 });
  });

  it('expired or wrong iotToken → business 2062', async () => {
    const err = await vendorError(query(ilop, 'demo-token-nobody'));
    expect(err).toMatchObject({ kind: 'business', code: '2062', httpStatus: 200 });
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('user not bound to the device → business 2065', async () => {
    const err = await vendorError(query(ilop, CAROL, DEMO_DEVICES.aliceMany));
    expect(err).toMatchObject({ kind: 'business', code: '2065' });
    expect(err.localizedMessage).toBeTruthy();
  });

  it('bound but not admin, on a write → business 2066, sent once', async () => {
    const unbound = emu.state().cloudStorageOrders.find((o) => o.iotId === null)!;
    const err = await vendorError(
      ilop.bindCloudStorageOrder(
        { iotId: DEMO_DEVICES.bobManySharedWithAlice, orderId: unbound.orderId },
        { iotToken: ALICE },
      ),
    );
    expect(err).toMatchObject({ kind: 'business', code: '2066' });
    expect(await callsTo(CLOUD_STORAGE_PATHS.bind)).toBe(1);
  });

  it('a documented rule broken → business 460 (pageSize over 50, the order-query document)', async () => {
    const err = await vendorError(
      ilop.queryCloudStorageOrders({ iotId: DEMO_DEVICES.aliceExample, pageNo: 0, pageSize: 51 }),
    );
    expect(err).toMatchObject({ kind: 'business', code: '460' });
    expect(await callsTo(QUERY)).toBe(1);
  });

  it('a wrong apiVer → business 20003 (the unpublished APIs take theirs from config)', async () => {
    const client = ilopClient({ streamingOrderQueryApiVer: '9.9.9' });
    const err = await vendorError(
      client.queryStreamingOrders({ iotId: DEMO_DEVICES.aliceExample, pageNo: 0, pageSize: 10 }),
    );
    expect(err).toMatchObject({ kind: 'business', code: '20003' });
  });

  it('a malformed body → VENDOR_BAD_RESPONSE, not retried', async () => {
    await faults([{ api: QUERY, failWith: { malformed: true } }]);
    const err = await vendorError(query(ilop, ALICE));
    expect(err).toMatchObject({ kind: 'transport', code: 'VENDOR_BAD_RESPONSE' });
    expect(await callsTo(QUERY)).toBe(1);
  });

  it('a dropped connection → VENDOR_UNAVAILABLE', async () => {
    await faults([{ api: STREAMING_PATHS.plans, failWith: { drop: true } }]);
    const err = await vendorError(ilop.queryStreamingPlans());
    expect(err).toMatchObject({ kind: 'transport', code: 'VENDOR_UNAVAILABLE' });
  });
});

describe('Living IoT retries and write-once', () => {
  it('retries a read on business 503 (fresh nonce each time: no NonceUsed), at most twice', async () => {
    await faults([{ api: QUERY, failWith: { code: 503 } }]);
    const events: CallEvent[] = [];
    const client = ilopClient({}, { onCall: (e) => events.push(e) });
    const err = await vendorError(query3(client));
    expect(err).toMatchObject({ kind: 'business', code: '503' });
    expect(await callsTo(QUERY)).toBe(1 + READ_RETRY_POLICY.maxRetries);
    expect(events.map((e) => e.outcome)).toEqual(['503', '503', '503']);
  });

  it('retries gateway throttling (429 Throttled by APP Flow Control), and succeeds once it clears', async () => {
    await faults([{ api: QUERY, failWith: { httpStatus: 429 } }]);
    let cleared: Promise<unknown> | undefined;
    // Clear the fault as soon as the first attempt fails; the backoff below leaves it time to land.
    const client = ilopClient(
      {},
      {
        retryPolicy: { ...READ_RETRY_POLICY, baseDelayMs: 400 },
        random: () => 1,
        onCall: (e) => {
          if (e.attempt === 1) cleared = faults([]);
        },
      },
    );
    const page = await query3(client);
    await cleared;
    expect(page.total).toBeGreaterThan(0);
    expect(await callsTo(QUERY)).toBe(2);
  });

  it('persistent throttling surfaces as gateway ThrottledByAPPFlowControl after 3 attempts', async () => {
    await faults([{ api: QUERY, failWith: { httpStatus: 429 } }]);
    const err = await vendorError(query3(ilop));
    expect(err).toMatchObject({
      kind: 'gateway',
      code: 'ThrottledByAPPFlowControl',
      httpStatus: 429,
    });
    expect(await callsTo(QUERY)).toBe(3);
  });

  it('retries on HTTP 503 from the gateway and on 20056 backend timeouts', async () => {
    await faults([{ api: QUERY, failWith: { httpStatus: 503 } }]);
    expect(await vendorError(query3(ilop))).toMatchObject({ kind: 'gateway', httpStatus: 503 });
    expect(await callsTo(QUERY)).toBe(3);
    await control('DELETE', 'calls');
    await faults([{ api: QUERY, failWith: { code: 20056 } }]);
    expect(await vendorError(query3(ilop))).toMatchObject({ kind: 'business', code: '20056' });
    expect(await callsTo(QUERY)).toBe(3);
  });

  it('never retries create or bind, whatever the failure', async () => {
    const create = () =>
      ilop.createStreamingOrder(
        { iotId: DEMO_DEVICES.aliceExample, commodityCode: 'streamingResource_20_10', copies: 1 },
        { iotToken: ALICE },
      );
    const unbound = emu.state().cloudStorageOrders.find((o) => o.iotId === null)!;
    const bind = () =>
      ilop.bindCloudStorageOrder(
        { iotId: DEMO_DEVICES.aliceExample, orderId: unbound.orderId },
        { iotToken: ALICE },
      );
    const cases: [unknown, string][] = [
      [{ code: 503 }, '503'],
      [{ code: 429 }, '429'],
      [{ httpStatus: 429 }, 'ThrottledByAPPFlowControl'],
      [{ httpStatus: 503 }, 'ServiceUnavailable'],
      [{ drop: true }, 'VENDOR_UNAVAILABLE'],
      [{ malformed: true }, 'VENDOR_BAD_RESPONSE'],
    ];
    for (const [failWith, code] of cases) {
      await faults([{ failWith }]);
      await control('DELETE', 'calls');
      expect((await vendorError(create())).code).toBe(code);
      expect((await vendorError(bind())).code).toBe(code);
      expect(await callsTo(STREAMING_PATHS.create)).toBe(1);
      expect(await callsTo(CLOUD_STORAGE_PATHS.bind)).toBe(1);
    }
  });

  it('a write that times out is not resent (the vendor may have done it: the emulator did)', async () => {
    await faults([{ api: STREAMING_PATHS.create, latencyMs: 1500 }]);
    const client = ilopClient({ timeoutMs: 300 });
    const before = emu.state().streamingOrders.length;
    const err = await vendorError(
      client.createStreamingOrder(
        { iotId: DEMO_DEVICES.aliceExample, commodityCode: 'streamingResource_20_10', copies: 1 },
        { iotToken: ALICE },
      ),
    );
    expect(err).toMatchObject({ kind: 'transport', code: 'VENDOR_TIMEOUT' });
    expect(await callsTo(STREAMING_PATHS.create)).toBe(1);
    expect(emu.state().streamingOrders.length).toBe(before + 1);
  });

  it('a read past its timeout → VENDOR_TIMEOUT, not retried', async () => {
    await faults([{ api: QUERY, latencyMs: 1500 }]);
    const err = await vendorError(query3(ilopClient({ timeoutMs: 300 })));
    expect(err).toMatchObject({ kind: 'transport', code: 'VENDOR_TIMEOUT', vendor: 'ilop' });
    expect(await callsTo(QUERY)).toBe(1);
  });

  it('honours the caller abort: an AbortError, not a VendorError, and no retry', async () => {
    await faults([{ api: QUERY, latencyMs: 1500 }]);
    const controller = new AbortController();
    const pending = ilop.queryCloudStorageOrders(
      { iotId: DEMO_DEVICES.aliceExample, pageNo: 0, pageSize: 10 },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await callsTo(QUERY)).toBe(1);
  });
});

describe('BSS rejections, retries → VendorError', () => {
  it('signature mismatch → gateway SignatureDoesNotMatch', async () => {
    const err = await vendorError(bssClient({ accessKeySecret: 'wrong' }).getOrderDetail('1'));
    expect(err).toMatchObject({
      vendor: 'bss',
      kind: 'gateway',
      code: 'SignatureDoesNotMatch',
      httpStatus: 400,
      api: 'GetOrderDetail',
    });
    expect(err.requestId).toBeTruthy();
  });

  it('unknown AccessKeyId → gateway InvalidAccessKeyId.NotFound (404)', async () => {
    const err = await vendorError(bssClient({ accessKeyId: 'LTAInobody' }).getOrderDetail('1'));
    expect(err).toMatchObject({
      kind: 'gateway',
      code: 'InvalidAccessKeyId.NotFound',
      httpStatus: 404,
    });
  });

  it('clock skew → gateway InvalidTimeStamp.Expired', async () => {
    const err = await vendorError(
      bssClient({}, { now: () => Date.now() + 20 * 60_000 }).getOrderDetail('1'),
    );
    expect(err).toMatchObject({ kind: 'gateway', code: 'InvalidTimeStamp.Expired' });
  });

  it('parameter rules → business InvalidParameter / MissingParameter, not retried', async () => {
    expect(await vendorError(bss.queryOrders({ pageNum: 1, pageSize: 500 }))).toMatchObject({
      kind: 'business',
      code: 'InvalidParameter',
      httpStatus: 400,
    });
    expect(await vendorError(bss.getOrderDetail(''))).toMatchObject({
      kind: 'business',
      code: 'MissingParameter',
    });
    expect(await callsTo('QueryOrders')).toBe(1);
    expect(await callsTo('GetOrderDetail')).toBe(1);
  });

  it('InvalidOwner → business, not retried', async () => {
    await faults([{ api: 'QueryOrders', failWith: { code: 'InvalidOwner' } }]);
    expect(await vendorError(bss.queryOrders({ pageNum: 1, pageSize: 20 }))).toMatchObject({
      kind: 'business',
      code: 'InvalidOwner',
    });
    expect(await callsTo('QueryOrders')).toBe(1);
  });

  it('ServiceUnavailable (503) is retried with fresh nonces, at most twice', async () => {
    await faults([{ api: 'QueryOrders', failWith: { httpStatus: 503 } }]);
    const err = await vendorError(bss.queryOrders({ pageNum: 1, pageSize: 20 }));
    expect(err).toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503 });
    expect(await callsTo('QueryOrders')).toBe(3);
  });

  it('InternalError (500) is not retried', async () => {
    await faults([{ api: 'QueryOrders', failWith: { httpStatus: 500 } }]);
    expect(await vendorError(bss.queryOrders({ pageNum: 1, pageSize: 20 }))).toMatchObject({
      code: 'InternalError',
      kind: 'business',
    });
    expect(await callsTo('QueryOrders')).toBe(1);
  });

  it('Throttling.User asking 1 s (x-acs-retry-after) is retried twice', async () => {
    await faults([{ api: 'QueryOrders', failWith: { code: 'Throttling.User' } }]);
    const err = await vendorError(bss.queryOrders({ pageNum: 1, pageSize: 20 }));
    expect(err).toMatchObject({ kind: 'gateway', code: 'Throttling.User', httpStatus: 400 });
    // The emulator asks for 1 s (src/emulator/README.md, faults), within the policy's 2 s: the
    // read is retried as often as the policy allows (longer asks: vendor-transport.test.ts).
    expect(err.retryAfterMs).toBe(1000);
    expect(READ_RETRY_POLICY).toMatchObject({ maxRetries: 2, maxRetryAfterMs: 2000 });
    expect(await callsTo('QueryOrders')).toBe(3);
  });

  it('a malformed body → VENDOR_BAD_RESPONSE; a dropped connection → VENDOR_UNAVAILABLE', async () => {
    await faults([{ api: 'GetOrderDetail', failWith: { malformed: true } }]);
    expect(await vendorError(bss.getOrderDetail('1'))).toMatchObject({
      kind: 'transport',
      code: 'VENDOR_BAD_RESPONSE',
    });
    await faults([{ api: 'GetOrderDetail', failWith: { drop: true } }]);
    expect(await vendorError(bss.getOrderDetail('1'))).toMatchObject({
      kind: 'transport',
      code: 'VENDOR_UNAVAILABLE',
    });
  });

  it('timeout → VENDOR_TIMEOUT; caller abort → AbortError', async () => {
    await faults([{ api: 'QueryOrders', latencyMs: 1500 }]);
    const slow = bssClient({ timeoutMs: 300 });
    expect(await vendorError(slow.queryOrders({ pageNum: 1, pageSize: 20 }))).toMatchObject({
      code: 'VENDOR_TIMEOUT',
      vendor: 'bss',
    });
    const controller = new AbortController();
    const pending = bss.queryOrders({ pageNum: 1, pageSize: 20 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await callsTo('QueryOrders')).toBe(2);
  });
});

function query3(client: IlopApi) {
  return client.queryCloudStorageOrders(
    { iotId: DEMO_DEVICES.aliceExample, pageNo: 0, pageSize: 10 },
    { iotToken: ALICE },
  );
}
