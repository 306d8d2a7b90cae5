import { addCalendarMonths } from '../clock.js';
import { billingFor, times } from '../dataset.js';
import type { CloudStorageOrder } from '../dataset-schema.js';
import { parameterError } from '../ilop-codes.js';
import { optionalBoolean, optionalString, requiredInt, requiredString } from '../ilop-params.js';
import { formatYuan, toFen } from '../money.js';
import type { Store } from '../state.js';
import { adminOf, authorize, knownDevice, userOf, type IlopApi } from './call.js';
import {
  cloudOrderOf,
  cloudOrderWire,
  queueEnd,
  recordSettingsOf,
} from './cloud-storage-orders.js';

// Cloud-storage plans on sale and whether a device may buy one: commodity/query and commodity/check
// (docs/vendors.md#cloud-storage-plans).

/** A plan by its code and specification, or 460 naming both. */
export function knownCommodity(store: Store, commodityCode: string, specification: string) {
  const commodity = store.cloudCommodity(commodityCode, specification);
  if (!commodity) {
    throw parameterError(
      `commodityCode ${commodityCode} with specification ${specification} is not on sale (see cloudstorage/commodity/query)`,
      `云存储套餐${commodityCode}（规格${specification}）不存在`,
    );
  }
  return commodity;
}

const commodityQuery: IlopApi = {
  apiVer: '1.0.4',
  handle(call) {
    userOf(call);
    return {
      data: call.store.cloudCommodities().map((c) => ({
        commodityName: c.commodityName,
        commodityCode: c.commodityCode,
        specification: c.specification,
        recordType: c.recordType,
        price: c.price,
        lifecycle: c.lifecycle,
        months: c.months,
      })),
    };
  },
};

const commodityCheck: IlopApi = {
  apiVer: '1.0.3',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const commodityCode = requiredString(call.params, 'commodityCode');
    const specification = requiredString(call.params, 'specification');
    knownCommodity(call.store, commodityCode, specification);
    const device = knownDevice(call, iotId);
    authorize(call, device, false);
    return {
      data: { available: !(device.unavailableSpecifications ?? []).includes(specification) },
    };
  },
};

/**
 * Buy (the buy document, 10 s server timeout; there is no cloud-storage create): a new order on
 * the device, creating (status 3) and paying (2) until `paymentSettleMs` later, then active and
 * paid, with its BSS order (OrderId = outOrderNo). `immediateUse` false (the default) queues it
 * after the device's last plan. Answers `{orderId}`.
 */
const commodityBuy: IlopApi = {
  apiVer: '1.0.8',
  handle(call) {
    const p = call.params;
    const iotId = requiredString(p, 'iotId');
    const userName = requiredString(p, 'userName');
    const commodityCode = requiredString(p, 'commodityCode');
    const specification = requiredString(p, 'specification');
    const copies = requiredInt(p, 'copies', { min: 1, max: 60 });
    const immediateUse = optionalBoolean(p, 'immediateUse') ?? false;
    const userId = optionalString(p, 'userId');
    const recordSettings = recordSettingsOf(p);
    optionalBoolean(p, 'deviceNoOwner');
    const commodity = knownCommodity(call.store, commodityCode, specification);
    const device = knownDevice(call, iotId);
    authorize(call, device, true);
    const admin = adminOf(device);
    const now = Math.floor(call.now / 1000) * 1000;
    const start = immediateUse ? now : queueEnd(call.store.cloudOrdersOf(iotId), now);
    const end = addCalendarMonths(start, commodity.months * copies);
    const { orderId, outOrderNo } = call.store.freshIds(now);
    const price = formatYuan(toFen(commodity.price) * copies);
    const order: CloudStorageOrder = {
      iotId,
      identityId: admin,
      commodityCode,
      specification,
      copies,
      price,
      userName,
      userId,
      orderId,
      outOrderNo,
      status: 3,
      paymentStatus: 0,
      recordType: commodity.recordType,
      orderType: 0,
      ...times(start, end),
      preConsume: 0,
      recordSettings,
    };
    const billing = billingFor(null, {
      orderId: outOrderNo,
      createdAt: now,
      paymentStatus: 0,
      orderType: 'New',
      productType: 'linkvisual_cloudstorage',
      commodityCode: 'linkvisual_cloudstorage_pre',
      price,
      iotId,
      startUtc: order.startTimeUTC,
      endUtc: order.endTimeUTC,
      copies,
      config: `commodityCode:${commodityCode};specification:${specification};recordType:${commodity.recordType}`,
      now,
    });
    call.store.addCloudStorageOrder(order, billing);
    call.store.startPayment(order, call.now + call.guesses.paymentSettleMs);
    return { data: { orderId }, quiet: true };
  },
};

/**
 * Enable (the enable document): a paid order still queued (starting later) starts now, keeping its
 * length, and the device's other queued orders follow it in their order. One already running is
 * answered as it stands; one not paid, expired or frozen is 460 (guesses: the document names none).
 */
const commodityEnable: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const orderId = requiredString(call.params, 'orderId');
    const device = knownDevice(call, iotId);
    authorize(call, device, true);
    const order = cloudOrderOf(call, iotId, orderId);
    startNow(order, call.store.cloudOrdersOf(iotId), call.now);
    call.store.changed();
    return { data: { ...cloudOrderWire(order), expired: false, commodityType: 'cloudstorage' } };
  },
};

/**
 * Enable's rule: a paid active order starting later starts now, keeping its length, and the other
 * queued orders follow it, in order; one not paid, expired or frozen is 460.
 */
export function startNow<
  O extends {
    orderId: string;
    status: number;
    paymentStatus: number;
    startTimeUTC: string;
    endTimeUTC: string;
  },
>(order: O, orders: readonly O[], nowMs: number): void {
  if (order.paymentStatus !== 1 || order.status !== 0) {
    throw parameterError(
      `orderId ${order.orderId} is not a paid plan waiting to start`,
      `订单${order.orderId}不是待生效的已支付套餐`,
    );
  }
  const now = Math.floor(nowMs / 1000) * 1000;
  const start = Date.parse(order.startTimeUTC);
  if (start <= now) return;
  const queued = orders
    .filter((o) => o !== order && Date.parse(o.startTimeUTC) > now)
    .sort((a, b) => Date.parse(a.startTimeUTC) - Date.parse(b.startTimeUTC));
  let cursor = now;
  for (const o of [order, ...queued]) {
    const length = Date.parse(o.endTimeUTC) - Date.parse(o.startTimeUTC);
    Object.assign(o, times(cursor, cursor + length));
    cursor += length;
  }
}

export const CLOUD_STORAGE_COMMERCE_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/cloudstorage/commodity/query': commodityQuery,
  '/vision/customer/cloudstorage/commodity/check': commodityCheck,
  '/vision/customer/cloudstorage/commodity/buy': commodityBuy,
  '/vision/customer/cloudstorage/commodity/enable': commodityEnable,
};
