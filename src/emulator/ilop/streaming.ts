import { addCalendarMonths } from '../clock.js';
import { billingFor, times } from '../dataset.js';
import type { StreamingOrder } from '../dataset-schema.js';
import { parameterError } from '../ilop-codes.js';
import { optionalBoolean, optionalString, requiredInt, requiredString } from '../ilop-params.js';
import { formatYuan, toFen } from '../money.js';
import { startNow } from './cloud-storage-commerce.js';
import {
  adminOf,
  authorize,
  knownDevice,
  page,
  pageParams,
  userOf,
  type Call,
  type IlopApi,
} from './call.js';

// Live-stream sharing: plans, order create, list and detail (docs/vendors.md#endpoints).

/** Streaming orders on the wire: the create document fields plus months (the device is implied by the request). */
export function streamingOrderWire(order: StreamingOrder): Omit<StreamingOrder, 'iotId'> {
  const { iotId: _iotId, ...wire } = order;
  return wire;
}

const streamingCreate: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const p = call.params;
    const iotId = requiredString(p, 'iotId');
    const commodityCode = requiredString(p, 'commodityCode');
    const copies = requiredInt(p, 'copies', { min: 1, max: 60 });
    const userName = optionalString(p, 'userName');
    const userId = optionalString(p, 'userId');
    const immediateUse = optionalBoolean(p, 'immediateUse') ?? false;
    const commodity = call.store.commodity(commodityCode);
    if (!commodity) {
      throw parameterError(
        `commodityCode ${commodityCode} is not a streaming plan (see streaming/commodity/query)`,
        `直播分享套餐${commodityCode}不存在`,
      );
    }
    const device = knownDevice(call, iotId);
    authorize(call, device, true);
    const admin = adminOf(device);
    const now = Math.floor(call.now / 1000) * 1000;
    // The create document: immediateUse=false starts when the device's latest plan ends (now if none is running).
    let start = now;
    if (!immediateUse) {
      for (const o of call.store.streamingOrdersOf(iotId)) {
        const end = Date.parse(o.endTimeUTC);
        if (end > start) start = end;
      }
    }
    const months = commodity.months;
    const end = addCalendarMonths(start, months * copies);
    const { orderId, outOrderNo } = call.store.freshIds(now);
    const price = formatYuan(toFen(commodity.price) * copies);
    const order: StreamingOrder = {
      iotId,
      identityId: admin,
      orderId,
      outOrderNo,
      commodityName: commodity.commodityName,
      commodityCode,
      copies,
      months,
      ...times(start, end),
      status: 0,
      paymentStatus: 0,
      price,
      userName,
      userId,
    };
    const billing = billingFor(null, {
      orderId: outOrderNo,
      createdAt: now,
      paymentStatus: 0,
      orderType: 'New',
      productType: 'linkvisual_streaming',
      commodityCode: 'linkvisual_streaming_pre',
      price,
      iotId,
      startUtc: order.startTimeUTC,
      endUtc: order.endTimeUTC,
      copies,
      config: `commodityCode:${commodityCode}`,
      now,
    });
    call.store.addStreamingOrder(order, billing);
    return { data: streamingOrderWire(order), quiet: true };
  },
};

/** The device's streaming order `orderId`, or 460 naming it. */
function streamingOrderOf(call: Call, iotId: string, orderId: string) {
  const order = call.store.streamingOrdersOf(iotId).find((o) => o.orderId === orderId);
  if (!order) {
    throw parameterError(
      `orderId ${orderId} does not exist on device ${iotId}`,
      `设备${iotId}下不存在订单${orderId}`,
    );
  }
  return order;
}

/** The order an admin's pay or enable names: iotId and orderId required, the device's admin only. */
function adminsOrder(call: Call) {
  const iotId = requiredString(call.params, 'iotId');
  const orderId = requiredString(call.params, 'orderId');
  authorize(call, knownDevice(call, iotId), true);
  return { iotId, order: streamingOrderOf(call, iotId, orderId) };
}

/**
 * Pay (the pay document, 10 s server timeout): an unpaid order becomes paying (2) and is paid (1)
 * `paymentSettleMs` later on the emulator's clock, its BSS order with it. An order already paying
 * or paid is answered as it is (a guess: the document names no code for it).
 */
const streamingPay: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const { order } = adminsOrder(call);
    if (order.paymentStatus === 0) {
      call.store.startPayment(order, call.now + call.guesses.paymentSettleMs);
    }
    return { data: streamingOrderWire(order), quiet: true };
  },
};

/**
 * Enable (apiVer 1.0.0 a guess): a paid streaming order still queued starts now and the device's
 * other queued orders follow it, as cloud-storage enable; running ones answer as they stand, unpaid
 * or ended ones are 460.
 */
const streamingEnable: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const { iotId, order } = adminsOrder(call);
    startNow(order, call.store.streamingOrdersOf(iotId), call.now);
    call.store.changed();
    return { data: streamingOrderWire(order) };
  },
};

const commodityQuery: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    userOf(call);
    return {
      data: call.store.commodities().map((c) => ({
        commodityName: c.commodityName,
        commodityCode: c.commodityCode,
        months: c.months,
        quota: c.quota,
        price: c.price,
      })),
    };
  },
};

const streamingQuery: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const { pageNo, pageSize } = pageParams(call.params);
    const device = call.store.device(iotId);
    if (!device) {
      userOf(call);
      return { data: page([], pageNo, pageSize, streamingOrderWire) };
    }
    authorize(call, device, false);
    return {
      data: page(call.store.streamingOrdersOf(iotId), pageNo, pageSize, streamingOrderWire),
    };
  },
};

const streamingGet: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const orderId = requiredString(call.params, 'orderId');
    const device = knownDevice(call, iotId);
    authorize(call, device, false);
    return { data: streamingOrderWire(streamingOrderOf(call, iotId, orderId)) };
  },
};

export const STREAMING_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/streaming/commodity/query': commodityQuery,
  '/vision/customer/streaming/order/create': streamingCreate,
  '/vision/customer/streaming/order/query': streamingQuery,
  '/vision/customer/streaming/order/get': streamingGet,
  '/vision/customer/streaming/order/pay': streamingPay,
  '/vision/customer/streaming/order/enable': streamingEnable,
};
