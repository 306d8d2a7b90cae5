/**
 * Wire → domain mapping, driven by the vendor documents' own example bodies (copied into
 * test/fixtures/vendor-examples), plus the bad shapes and lenient dates around them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/upstream/vendor-error.js';
import type { HttpResponse } from '../../src/upstream/http.js';
import {
  queryOrdersParams,
  wireOrderDetailData,
  mapOrderDetail,
  wireQueryOrdersData,
  mapQueryOrdersPage,
} from '../../src/upstream/bss/orders.js';
import { bssErrorKind } from '../../src/upstream/bss/error-codes.js';
import { unwrapBssResponse } from '../../src/upstream/bss/response.js';
import {
  mapCloudStorageOrder,
  mapCloudStorageOrderPage,
  wireCloudStorageOrder,
  wireCloudStorageOrderPage,
} from '../../src/upstream/ilop/cloud-storage.js';
import {
  buildEnvelope,
  gatewayErrorCode,
  unwrapIlopResponse,
} from '../../src/upstream/ilop/envelope.js';
import { parsePlatformTime } from '../../src/upstream/ilop/platform-time.js';
import {
  mapStreamingOrder,
  mapStreamingOrderPage,
  mapStreamingPlan,
  wireStreamingOrder,
  wireStreamingOrderPage,
  wireStreamingPlans,
} from '../../src/upstream/ilop/streaming.js';
import { decodeWire } from '../../src/upstream/wire.js';
import type { z } from 'zod';

/** Whether a read meeting this error is tried again (its category's fact). */
const retryableRead = (err: VendorError): boolean => err.facts.retryRead;

const examplesDir = fileURLToPath(new URL('../fixtures/vendor-examples/', import.meta.url));

/** A response example from the vendor API documents (test/fixtures/README.md). */
const documented = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(examplesDir, `${name}.json`), 'utf8'));

const response = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** What the Living IoT client does with a response: unwrap the envelope, validate, map. */
function ilopDecode<S extends z.ZodType, T>(
  body: unknown,
  schema: S,
  map: (w: z.output<S>) => T,
  api = '/vision/test',
): T {
  const data = unwrapIlopResponse(response(body), { api, requestId: 'sent-id' });
  return decodeWire(schema, data, map, { vendor: 'ilop', api, requestId: 'sent-id' });
}

function caught(fn: () => unknown): VendorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VendorError) return err;
    throw err;
  }
  throw new Error('expected a VendorError');
}

const withData = (data: unknown) => ({ id: 'x', code: 200, message: 'success', data });

describe('documented cloud-storage order query', () => {
  const example = documented('cloudstorage-order-query.ok') as {
    data: { orderList: Record<string, unknown>[] };
  };
  const requested = { iotId: 'QIuozfUcxRX6frOTO4dKz2****', pageNo: 0, pageSize: 20 };
  const decode = (body: unknown, req = requested) =>
    ilopDecode(body, wireCloudStorageOrderPage, (w) => mapCloudStorageOrderPage(w, req));

  it('maps the documented example into a Page of domain orders', () => {
    expect(decode(example)).toEqual({
      offset: 0,
      pageSize: 10, // the vendor's echo wins over the requested 20
      total: 1,
      items: [
        {
          kind: 'cloudStorage',
          iotId: '123',
          identityId: '123',
          commodityCode: 'ilopLVCloudResource',
          specification: 'eventResource_7',
          copies: 1,
          price: { amount: '1.0', currency: 'CNY' },
          userName: '123',
          userId: '123',
          orderId: '20200731124115****',
          outOrderNo: '20670001970****',
          status: 'ACTIVE',
          paymentStatus: 'PAID',
          recordType: 'EVENT',
          orderType: 'PAID',
          startTime: new Date('2020-08-25T02:00:00Z'),
          endTime: new Date('2020-09-25T02:00:00Z'),
          preConsume: null,
        },
      ],
    });
  });

  it('falls back to the local times, "10:00:0" included, as UTC+8', () => {
    const order = { ...example.data.orderList[0] };
    delete order['startTimeUTC'];
    delete order['endTimeUTC'];
    const page = decode(withData({ ...example.data, orderList: [order] }));
    expect(page.items[0]?.startTime).toEqual(new Date('2020-08-25T02:00:00Z'));
    expect(page.items[0]?.endTime).toEqual(new Date('2020-09-25T02:00:00Z'));
  });

  it('computes offset from the echoed pageNo/pageSize, else the requested ones', () => {
    const frame = { total: 95, orderList: [] };
    expect(decode(withData({ ...frame, pageNo: 2, pageSize: 20 })).offset).toBe(40);
    const page = decode(withData(frame), { ...requested, pageNo: 3, pageSize: 30 });
    expect(page).toEqual({ offset: 90, pageSize: 30, total: 95, items: [] });
  });

  it('accepts numeric strings for Int fields and a null orderList', () => {
    const page = decode(withData({ pageNo: '1', pageSize: '5', total: '7', orderList: null }));
    expect(page).toEqual({ offset: 5, pageSize: 5, total: 7, items: [] });
  });

  it('takes iotId from the request when the order lacks one', () => {
    const order = { ...example.data.orderList[0], iotId: null };
    const page = decode(withData({ ...example.data, orderList: [order] }));
    expect(page.items[0]?.iotId).toBe(requested.iotId);
  });

  it('maps every documented enum value', () => {
    const base = example.data.orderList[0]!;
    const one = (patch: Record<string, unknown>) =>
      ilopDecode(withData({ ...base, ...patch }), wireCloudStorageOrder, (w) =>
        mapCloudStorageOrder(w, 'dev'),
      );
    expect([0, 1, 2, 3].map((status) => one({ status }).status)).toEqual([
      'ACTIVE',
      'EXPIRED',
      'FROZEN',
      'CREATING',
    ]);
    expect([0, 1, 2].map((paymentStatus) => one({ paymentStatus }).paymentStatus)).toEqual([
      'UNPAID',
      'PAID',
      'PAYING',
    ]);
    expect(one({ recordType: 1 }).recordType).toBe('CONTINUOUS');
    expect(one({ recordType: null }).recordType).toBeNull();
    expect(one({ orderType: 1 }).orderType).toBe('FREE');
    expect(one({ preConsume: 3600 }).preConsume).toBe(3600);
  });

  it('turns the documented failure example into a business VendorError', () => {
    const err = caught(() => decode(documented('cloudstorage-order-query.error')));
    expect(err).toMatchObject({
      vendor: 'ilop',
      kind: 'business',
      code: '403',
      message: 'request forbidden.',
      localizedMessage: '请求被禁止',
      requestId: '37f7e5fa-d6a5-4efe-8abf-5bf23dca6284',
      httpStatus: 200,
    });
  });

  describe('wrong shapes are VENDOR_BAD_RESPONSE, never a crash or undefined', () => {
    const order = example.data.orderList[0]!;
    const cases: [string, unknown][] = [
      ['a body that is not JSON', '<html>oops</html>'],
      ['an envelope without code', { data: example.data }],
      ['data that is not an object', withData('nope')],
      ['a page without total', withData({ pageNo: 0, pageSize: 10, orderList: [] })],
      [
        'an order without orderId',
        withData({ ...example.data, orderList: [{ ...order, orderId: undefined }] }),
      ],
      ['an unknown status', withData({ ...example.data, orderList: [{ ...order, status: 7 }] })],
      [
        'an unknown paymentStatus',
        withData({ ...example.data, orderList: [{ ...order, paymentStatus: -1 }] }),
      ],
      [
        'an unknown recordType',
        withData({ ...example.data, orderList: [{ ...order, recordType: 0 }] }),
      ],
      [
        'a price that is an object',
        withData({ ...example.data, orderList: [{ ...order, price: { v: 1 } }] }),
      ],
      [
        'a fractional copies',
        withData({ ...example.data, orderList: [{ ...order, copies: 1.5 }] }),
      ],
      [
        'an unreadable time',
        withData({
          ...example.data,
          orderList: [{ ...order, startTimeUTC: 'soon', startTime: 'tomorrow' }],
        }),
      ],
    ];
    for (const [name, body] of cases) {
      it(name, () => {
        const err = caught(() => decode(body));
        expect(err.code).toBe('VENDOR_BAD_RESPONSE');
        expect(err.kind).toBe('transport');
        expect(err.api).toBe('/vision/test');
      });
    }
  });
});

describe('documented cloud-storage bind order', () => {
  const decode = (body: unknown) =>
    ilopDecode(body, wireCloudStorageOrder.nullable(), (w) =>
      w === null ? null : mapCloudStorageOrder(w, 'dev-1'),
    );

  it('tolerates the documented `data: null` success', () => {
    expect(decode(documented('cloudstorage-bind-order.ok'))).toBeNull();
  });

  it('also maps an order when one is returned', () => {
    const order = (documented('cloudstorage-order-query.ok') as { data: { orderList: unknown[] } })
      .data.orderList[0];
    expect(decode(withData(order))?.orderId).toBe('20200731124115****');
  });
});

describe('documented streaming order create', () => {
  it('maps the example; iotId comes from the request', () => {
    const order = ilopDecode(documented('streaming-order-create.ok'), wireStreamingOrder, (w) =>
      mapStreamingOrder(w, 'bZGD54swRg******FkEs000101'),
    );
    expect(order).toEqual({
      kind: 'streaming',
      iotId: 'bZGD54swRg******FkEs000101',
      identityId: '50e5op6412259c0f117********7cd9326da8409',
      orderId: '2020110413431****0196',
      outOrderNo: '20736951****674',
      commodityName: '视频设备分享增值服务(20人分享10人同时可看)月套餐',
      commodityCode: 'streamingResource_20_10',
      copies: 1,
      months: 1,
      startTime: new Date('2020-11-04T01:01:00Z'),
      endTime: new Date('2020-11-04T01:01:00Z'),
      status: 'ACTIVE',
      paymentStatus: 'UNPAID',
      price: { amount: '140', currency: 'CNY' },
      userName: '152****8578',
      userId: '50e5op6412259c0f117********7cd9326da8409',
    });
  });

  it('rejects status 3, which streaming orders do not have (per its document)', () => {
    const body = documented('streaming-order-create.ok') as { data: Record<string, unknown> };
    const err = caught(() =>
      ilopDecode(withData({ ...body.data, status: 3 }), wireStreamingOrder, (w) =>
        mapStreamingOrder(w, 'd'),
      ),
    );
    expect(err.code).toBe('VENDOR_BAD_RESPONSE');
  });

  it('pages streaming orders like cloud-storage orders', () => {
    const body = documented('streaming-order-create.ok') as { data: unknown };
    const page = ilopDecode(
      withData({ pageNo: 1, pageSize: 1, pageCount: 2, total: 2, orderList: [body.data] }),
      wireStreamingOrderPage,
      (w) => mapStreamingOrderPage(w, { iotId: 'd', pageNo: 1, pageSize: 1 }),
    );
    expect(page.offset).toBe(1);
    expect(page.items[0]?.iotId).toBe('d');
  });

  it('maps streaming plans', () => {
    const plans = ilopDecode(
      withData([
        {
          commodityName: '20人分享10人同时可看',
          commodityCode: 'streamingResource_20_10',
          months: 1,
          quota: 10,
          price: '140',
        },
      ]),
      wireStreamingPlans,
      (w) => (w ?? []).map(mapStreamingPlan),
    );
    expect(plans).toEqual([
      {
        commodityName: '20人分享10人同时可看',
        commodityCode: 'streamingResource_20_10',
        months: 1,
        quota: 10,
        price: { amount: '140', currency: 'CNY' },
      },
    ]);
  });
});

describe('lenient platform times (order time fields)', () => {
  const utc = (s: string) => new Date(s);
  it('prefers the UTC field', () => {
    expect(parsePlatformTime('2020-08-25T02:00:00Z', '1999-01-01 00:00:00', 't')).toEqual(
      utc('2020-08-25T02:00:00Z'),
    );
  });
  it('reads local platform time as UTC+8, with dropped digits', () => {
    expect(parsePlatformTime(null, '2020-08-25 10:00:00', 't')).toEqual(
      utc('2020-08-25T02:00:00Z'),
    );
    expect(parsePlatformTime(undefined, '2020-08-25 10:00:0', 't')).toEqual(
      utc('2020-08-25T02:00:00Z'),
    );
    expect(parsePlatformTime('', '2020-8-5 7:5:9', 't')).toEqual(utc('2020-08-04T23:05:09Z'));
    expect(parsePlatformTime(null, '2020-08-25 10:00', 't')).toEqual(utc('2020-08-25T02:00:00Z'));
  });
  it('reads epoch milliseconds, as a number or a string', () => {
    expect(parsePlatformTime(null, 1598320800000, 't')).toEqual(utc('2020-08-25T02:00:00Z'));
    expect(parsePlatformTime(null, '1598320800000', 't')).toEqual(utc('2020-08-25T02:00:00Z'));
  });
  it('falls back to the local field when the UTC one is unreadable', () => {
    expect(parsePlatformTime('garbage', '2020-08-25 10:00:00', 't')).toEqual(
      utc('2020-08-25T02:00:00Z'),
    );
  });
  it('is null when neither is sent, and refuses impossible dates', () => {
    expect(parsePlatformTime(null, undefined, 't')).toBeNull();
    expect(() => parsePlatformTime(null, '2020-02-31 10:00:00', 't')).toThrow(/unreadable/);
    expect(() => parsePlatformTime('2020-08-25T25:00:00Z', null, 't')).toThrow(/unreadable/);
    // The vendor's own UTC form too: no day rolled over, no 24:00, no 60th minute.
    expect(() => parsePlatformTime('2020-02-31T10:00:00Z', null, 't')).toThrow(/unreadable/);
    expect(() => parsePlatformTime('2021-02-29T00:00:00.000Z', null, 't')).toThrow(/unreadable/);
    expect(() => parsePlatformTime('2020-01-01T24:00:00Z', null, 't')).toThrow(/unreadable/);
    expect(() => parsePlatformTime('2020-01-01T23:60:00Z', null, 't')).toThrow(/unreadable/);
    expect(parsePlatformTime('2020-02-29T23:59:59.5Z', null, 't')).toEqual(
      utc('2020-02-29T23:59:59.500Z'),
    );
  });
});

describe('Living IoT envelope and gateway rejections', () => {
  it('omits iotToken entirely when there is none, never "" or null', () => {
    const without = JSON.parse(buildEnvelope({ id: 'a', apiVer: '1.0.6', params: { x: 1 } }));
    expect(without).toEqual({
      id: 'a',
      version: '1.0',
      request: { apiVer: '1.0.6' },
      params: { x: 1 },
    });
    const empty = JSON.parse(buildEnvelope({ id: 'a', apiVer: '1', iotToken: '', params: {} }));
    expect(empty.request).toEqual({ apiVer: '1' });
    const withToken = JSON.parse(
      buildEnvelope({ id: 'a', apiVer: '1', iotToken: 't', params: {} }),
    );
    expect(withToken.request).toEqual({ apiVer: '1', iotToken: 't' });
  });

  it('leaves out absent optional params', () => {
    const env = JSON.parse(
      buildEnvelope({ id: 'a', apiVer: '1', params: { iotId: 'd', userName: undefined, n: null } }),
    );
    expect(env.params).toEqual({ iotId: 'd' });
  });

  it('turns X-Ca-Error-Message into a gateway VendorError', () => {
    const msg = 'Invalid Signature, Server StringToSign:`POST#application/json#...`';
    const err = caught(() =>
      unwrapIlopResponse(
        response('', 400, { 'x-ca-error-message': msg, 'x-ca-request-id': 'GW-1' }),
        { api: '/p', requestId: 'sent' },
      ),
    );
    expect(err).toMatchObject({
      kind: 'gateway',
      code: 'InvalidSignature',
      message: msg,
      requestId: 'GW-1',
      httpStatus: 400,
    });
    expect(retryableRead(err)).toBe(false);
  });

  it('names gateway codes from the message', () => {
    expect(gatewayErrorCode('Empty Signature')).toBe('EmptySignature');
    expect(gatewayErrorCode('Invalid AppKey')).toBe('InvalidAppKey');
    expect(gatewayErrorCode('Nonce Used')).toBe('NonceUsed');
    expect(gatewayErrorCode('Invalid Content-MD5')).toBe('InvalidContentMD5');
    expect(gatewayErrorCode('Throttled by APP Flow Control')).toBe('ThrottledByAPPFlowControl');
  });

  it('retries reads on throttling and unavailability only', () => {
    const gw = (status: number, msg: string) =>
      caught(() =>
        unwrapIlopResponse(response('', status, { 'x-ca-error-message': msg }), {
          api: '/p',
          requestId: 's',
        }),
      );
    const biz = (code: number) =>
      caught(() =>
        unwrapIlopResponse(response({ code, message: 'm' }), { api: '/p', requestId: 's' }),
      );
    expect(retryableRead(gw(403, 'Throttled by APP Flow Control'))).toBe(true);
    expect(retryableRead(gw(429, 'Throttled by APP Flow Control'))).toBe(true);
    expect(retryableRead(gw(400, 'Nonce Used'))).toBe(false);
    for (const code of [429, 503, 20056]) expect(retryableRead(biz(code))).toBe(true);
    for (const code of [400, 403, 460, 500, 2062, 2065])
      expect(retryableRead(biz(code))).toBe(false);
    const lb = caught(() =>
      unwrapIlopResponse(response('bad gateway', 503), { api: '/p', requestId: 's' }),
    );
    expect(lb).toMatchObject({ code: 'VENDOR_UNAVAILABLE', kind: 'transport', httpStatus: 503 });
    expect(retryableRead(lb)).toBe(true);
  });

  it('uses the envelope id we sent when the answer has none', () => {
    const err = caught(() =>
      unwrapIlopResponse(response({ code: 2065, message: 'identityId and iotId not bound' }), {
        api: '/p',
        requestId: 'sent',
      }),
    );
    expect(err).toMatchObject({ code: '2065', kind: 'business', requestId: 'sent' });
  });
});

describe('documented BSS QueryOrders', () => {
  const decode = (body: unknown, status = 200, headers: Record<string, string> = {}) => {
    const { data, requestId } = unwrapBssResponse(response(body, status, headers), {
      action: 'QueryOrders',
    });
    return decodeWire(wireQueryOrdersData, data, mapQueryOrdersPage, {
      vendor: 'bss',
      api: 'QueryOrders',
      requestId,
    });
  };

  it('maps the documented example', () => {
    expect(decode(documented('bss-query-orders.ok'))).toEqual({
      offset: 0,
      pageSize: 20,
      total: 1,
      items: [
        {
          orderId: '34532532',
          relatedOrderId: '234535345345342',
          productCode: 'rds',
          productType: 'rds',
          commodityCode: 'ecs',
          subscriptionType: 'PAY_AS_YOU_GO',
          orderType: 'NEW',
          paymentStatus: 'PAID',
          createTime: new Date('2017-06-08T09:41:30Z'),
          paymentTime: new Date('2017-06-08T09:41:30Z'),
          currency: 'CNY',
          paymentCurrency: 'CNY',
          pretaxAmount: { amount: '0', currency: 'CNY' },
          pretaxGrossAmount: { amount: '0', currency: 'CNY' },
          pretaxAmountLocal: { amount: '0', currency: 'CNY' },
          afterTaxAmount: { amount: '66', currency: 'CNY' },
          tax: { amount: '1', currency: 'CNY' },
          subOrders: [],
        },
      ],
    });
  });

  it('keeps a refund with null PaymentStatus, uses the order currency, 1-based pages', () => {
    const example = documented('bss-query-orders.ok') as {
      Data: { OrderList: { Order: object[] } };
    };
    const refund = {
      ...example.Data.OrderList.Order[0],
      OrderType: 'Refund',
      PaymentStatus: null,
      Currency: 'USD',
      RelatedOrderId: '',
    };
    const page = decode({
      ...example,
      Data: { PageNum: 3, PageSize: 20, TotalCount: 41, OrderList: { Order: [refund] } },
    });
    expect(page.offset).toBe(40);
    expect(page.items[0]).toMatchObject({
      orderType: 'REFUND',
      paymentStatus: null,
      relatedOrderId: null,
      afterTaxAmount: { amount: '66', currency: 'USD' },
    });
  });

  it('reads an empty result with the list left out', () => {
    const page = decode({
      Success: true,
      Code: 'Success',
      Data: { PageNum: 1, PageSize: 20, TotalCount: 0 },
    });
    expect(page).toEqual({ offset: 0, pageSize: 20, total: 0, items: [] });
  });

  it('a 200 with Success: false is a business error', () => {
    const err = caught(() =>
      decode({
        RequestId: 'R1',
        Success: false,
        Code: 'InvalidParameter',
        Message: 'bad PageSize',
      }),
    );
    expect(err).toMatchObject({
      kind: 'business',
      code: 'InvalidParameter',
      requestId: 'R1',
      httpStatus: 200,
    });
  });

  it('error bodies keep Code, Message, RequestId; throttling carries x-acs-retry-after', () => {
    const err = caught(() =>
      decode(
        {
          RequestId: 'R2',
          HostId: 'business.aliyuncs.com',
          Code: 'Throttling.User',
          Message: 'Request was denied due to user flow control.',
          Recommend: 'https://...',
        },
        400,
        { 'x-acs-retry-after': '1' },
      ),
    );
    expect(err).toMatchObject({
      vendor: 'bss',
      kind: 'gateway',
      code: 'Throttling.User',
      requestId: 'R2',
      httpStatus: 400,
      retryAfterMs: 1,
    });
    expect(retryableRead(err)).toBe(true);
  });

  it('classifies codes: gateway for signing/auth/throttling, business for parameters/owner', () => {
    for (const c of [
      'SignatureDoesNotMatch',
      'IncompleteSignature',
      'InvalidAccessKeyId.NotFound',
      'SignatureNonceUsed',
      'InvalidTimeStamp.Expired',
      'Throttling.User',
    ]) {
      expect(bssErrorKind(c)).toBe('gateway');
    }
    for (const c of ['MissingParameter', 'InvalidParameter', 'InvalidOwner', 'InternalError']) {
      expect(bssErrorKind(c)).toBe('business');
    }
  });

  it('a 5xx without a JSON body is VENDOR_UNAVAILABLE; wrong shapes are VENDOR_BAD_RESPONSE', () => {
    expect(caught(() => decode('<html>502</html>', 502))).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      httpStatus: 502,
    });
    expect(caught(() => decode('not json'))).toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    expect(caught(() => decode({ Data: {} }))).toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    expect(
      caught(() => decode({ Success: true, Data: { PageNum: 1, PageSize: 20 } })),
    ).toMatchObject({
      code: 'VENDOR_BAD_RESPONSE',
    });
    const badTime = {
      Success: true,
      Data: {
        PageNum: 1,
        PageSize: 1,
        TotalCount: 1,
        OrderList: { Order: [{ OrderId: '1', CreateTime: 'yesterday' }] },
      },
    };
    expect(caught(() => decode(badTime))).toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
  });

  it('builds the filter params: UTC times, 1-based PageNum, enums in BSS spelling', () => {
    expect(
      queryOrdersParams({
        createdAfter: new Date('2024-05-01T08:00:00+08:00'),
        createdBefore: new Date('2024-05-01T12:00:00.789Z'),
        pageNum: 1,
        pageSize: 20,
        productCode: 'iot',
        subscriptionType: 'PAY_AS_YOU_GO',
        orderType: 'REFUND',
        paymentStatus: 'CANCELLED',
      }),
    ).toEqual({
      CreateTimeStart: '2024-05-01T00:00:00Z',
      CreateTimeEnd: '2024-05-01T12:00:00Z',
      PageNum: '1',
      PageSize: '20',
      ProductCode: 'iot',
      ProductType: undefined,
      SubscriptionType: 'PayAsYouGo',
      OrderType: 'Refund',
      PaymentStatus: 'Cancelled',
    });
  });
});

describe('BSS GetOrderDetail', () => {
  const decode = (data: unknown) =>
    decodeWire(wireOrderDetailData, data, mapOrderDetail, { vendor: 'bss', api: 'GetOrderDetail' });
  const sub = (id: string, extra: object = {}) => ({
    OrderId: '211234567890123',
    SubOrderId: id,
    OrderSubType: 'New',
    CreateTime: '2024-06-30T23:59:59Z',
    Currency: 'CNY',
    PretaxAmount: '10.00',
    SubscriptionType: 'Subscription',
    OrderType: 'New',
    PaymentStatus: 'Paid',
    UsageStartTime: '2024-07-01T00:00:00Z',
    UsageEndTime: '2024-08-01T00:00:00Z',
    Quantity: '1',
    Region: 'cn-shanghai',
    InstanceIDs: 'i-1',
    Operator: '1234',
    Config: 'copies:1',
    ...extra,
  });

  it('folds sub-orders into one BillingOrder with the first as header', () => {
    const order = decode({
      OrderList: { Order: [sub('s1'), sub('s2', { PretaxAmount: '5.00', Quantity: 2 })] },
    });
    expect(order).toMatchObject({
      orderId: '211234567890123',
      subscriptionType: 'SUBSCRIPTION',
      pretaxAmount: { amount: '10.00', currency: 'CNY' },
    });
    expect(order?.subOrders).toEqual([
      {
        subOrderId: 's1',
        orderSubType: 'New',
        usageStartTime: new Date('2024-07-01T00:00:00Z'),
        usageEndTime: new Date('2024-08-01T00:00:00Z'),
        quantity: '1',
        region: 'cn-shanghai',
        instanceIds: 'i-1',
        operator: '1234',
        config: 'copies:1',
      },
      expect.objectContaining({ subOrderId: 's2', quantity: '2' }),
    ]);
  });

  it('is null for an empty sub-order list', () => {
    expect(decode({ OrderList: { Order: [] } })).toBeNull();
    expect(decode({})).toBeNull();
  });
});
