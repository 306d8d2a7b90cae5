import { times } from '../dataset.js';
import type { CloudStorageOrder, RecordSettings } from '../dataset-schema.js';
import { parameterError } from '../ilop-codes.js';
import {
  optionalBoolean,
  optionalInt,
  optionalString,
  requiredString,
  type Params,
} from '../ilop-params.js';
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

// Cloud-storage orders: query, detail and bind (docs/vendors.md#endpoints).

/** The wire shape: the record without the emulator's own `recordSettings`. */
export function cloudOrderWire(
  order: CloudStorageOrder,
): Omit<CloudStorageOrder, 'recordSettings'> {
  const { recordSettings: _settings, ...wire } = order;
  return wire;
}

/** The recording settings bind and buy take (their documents' ranges: 0–5, 0–30, 600–3600 s). */
export function recordSettingsOf(p: Params): RecordSettings {
  return {
    enableDefaultPlan: optionalBoolean(p, 'enableDefaultPlan'),
    preRecordDuration: optionalInt(p, 'preRecordDuration', { min: 0, max: 5 }),
    recordDuration: optionalInt(p, 'recordDuration', { min: 0, max: 30 }),
    eventRecordProlong: optionalBoolean(p, 'eventRecordProlong'),
    maxRecordFileDuration: optionalInt(p, 'maxRecordFileDuration', { min: 600, max: 3600 }),
  };
}

/** The device's cloud-storage order `orderId`, or 460 naming it. */
export function cloudOrderOf(call: Call, iotId: string, orderId: string): CloudStorageOrder {
  const order = call.store.cloudOrder(orderId);
  if (!order || order.iotId !== iotId) {
    throw parameterError(
      `orderId ${orderId} does not exist on device ${iotId}`,
      `设备${iotId}下不存在订单${orderId}`,
    );
  }
  return order;
}

/** When a queued plan starts: the end of the device's latest plan still running or waiting, or now. */
export function queueEnd(orders: readonly CloudStorageOrder[], now: number): number {
  let start = now;
  for (const o of orders) {
    if (o.status !== 0 && o.status !== 3) continue;
    const end = Date.parse(o.endTimeUTC);
    if (end > start) start = end;
  }
  return start;
}

const cloudQuery: IlopApi = {
  apiVer: '1.0.6',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const { pageNo, pageSize } = pageParams(call.params);
    optionalBoolean(call.params, 'deviceNoOwner'); // accepted; does not change the result
    const device = call.store.device(iotId);
    // An unknown device has no orders: an empty page, not an error (a guess; see README).
    if (!device) {
      userOf(call);
      return { data: page([], pageNo, pageSize, cloudOrderWire) };
    }
    authorize(call, device, false);
    return { data: page(call.store.cloudOrdersOf(iotId), pageNo, pageSize, cloudOrderWire) };
  },
};

const cloudGet: IlopApi = {
  apiVer: '1.0.6',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const orderId = requiredString(call.params, 'orderId');
    optionalBoolean(call.params, 'deviceNoOwner');
    const device = knownDevice(call, iotId);
    authorize(call, device, false);
    const order = cloudOrderOf(call, iotId, orderId);
    return { data: cloudOrderWire(order) };
  },
};

const bindOrder: IlopApi = {
  apiVer: '1.0.0',
  handle(call) {
    const p = call.params;
    const iotId = requiredString(p, 'iotId');
    const orderId = requiredString(p, 'orderId');
    const userName = optionalString(p, 'userName');
    const userId = optionalString(p, 'userId');
    const settings = recordSettingsOf(p);
    const device = knownDevice(call, iotId);
    authorize(call, device, true);
    const admin = adminOf(device);
    const order = call.store.cloudOrder(orderId);
    if (!order) throw parameterError(`orderId ${orderId} does not exist`, `订单${orderId}不存在`);
    if (order.iotId !== null && order.iotId !== iotId) {
      throw parameterError(
        `orderId ${orderId} is already bound to another device`,
        `订单${orderId}已绑定到其他设备`,
      );
    }
    // The bind document: the order goes to the device's admin; userName/userId are only stored and echoed.
    order.iotId = iotId;
    order.identityId = admin;
    if (userName !== null) order.userName = userName;
    if (userId !== null) order.userId = userId;
    order.recordSettings = settings;
    call.store.changed();
    return {
      data: call.store.settings.bindReturnsOrder ? cloudOrderWire(order) : null,
      quiet: true,
    };
  },
};

/**
 * Freeze (the status/set document): `status` 2 is the only value it names; the order stops
 * counting as service. Admin only with a token, as bind (a guess); answers the order.
 */
const statusSet: IlopApi = {
  apiVer: '1.0.1',
  handle(call) {
    const p = call.params;
    const iotId = requiredString(p, 'iotId');
    const orderId = requiredString(p, 'orderId');
    const status = optionalInt(p, 'status', { min: 2, max: 2 });
    if (status === null) throw parameterError('status is required (2: freeze)', '缺少参数status');
    optionalBoolean(p, 'deviceNoOwner');
    authorize(call, knownDevice(call, iotId), true);
    const order = cloudOrderOf(call, iotId, orderId);
    order.status = 2;
    call.store.changed();
    return { data: cloudOrderWire(order), quiet: true };
  },
};

/**
 * Transfer (the transfer document): the source order's remaining time moves to a new order on the
 * destination (its admin's, now or queued after its last plan); the source order ends now (status 1).
 * The source must be a paid, active order not yet ended (460 otherwise, a guess). With a token the
 * user must administer both devices (2065/2066 on each). Answers the destination's order.
 */
const transfer: IlopApi = {
  apiVer: '1.0.1',
  handle(call) {
    const p = call.params;
    const srcIotId = requiredString(p, 'srcIotId');
    const srcOrderId = requiredString(p, 'srcOrderId');
    const dstIotId = requiredString(p, 'dstIotId');
    const immediateUse = optionalBoolean(p, 'immediateUse') ?? false;
    optionalBoolean(p, 'supportCrossIdentityTransfer');
    const userName = optionalString(p, 'userName');
    const userId = optionalString(p, 'userId');
    const settings = recordSettingsOf(p);
    const src = knownDevice(call, srcIotId);
    authorize(call, src, true);
    const dst = knownDevice(call, dstIotId);
    authorize(call, dst, true);
    const admin = adminOf(dst);
    const order = cloudOrderOf(call, srcIotId, srcOrderId);
    const now = Math.floor(call.now / 1000) * 1000;
    const end = Date.parse(order.endTimeUTC);
    if (order.paymentStatus !== 1 || order.status !== 0 || end <= now || srcIotId === dstIotId) {
      throw parameterError(
        `srcOrderId ${srcOrderId} is not a paid plan with time left to transfer`,
        `订单${srcOrderId}不可转移`,
      );
    }
    const remaining = end - Math.max(now, Date.parse(order.startTimeUTC));
    const start = immediateUse ? now : queueEnd(call.store.cloudOrdersOf(dstIotId), now);
    const { orderId } = call.store.freshIds(now);
    const moved: CloudStorageOrder = {
      ...structuredClone(order),
      ...times(start, start + remaining),
      iotId: dstIotId,
      identityId: admin,
      orderId,
      userName: userName ?? order.userName,
      userId: userId ?? order.userId,
      recordSettings: settings,
    };
    Object.assign(
      order,
      times(Date.parse(order.startTimeUTC) > now ? now : Date.parse(order.startTimeUTC), now),
      {
        status: 1,
      },
    );
    call.store.addCloudStorageOrder(moved);
    return { data: cloudOrderWire(moved), quiet: true };
  },
};

export const CLOUD_STORAGE_ORDER_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/cloudstorage/order/query': cloudQuery,
  '/vision/customer/cloudstorage/order/get': cloudGet,
  '/vision/customer/cloudstorage/bind/order': bindOrder,
  '/vision/customer/cloudstorage/status/set': statusSet,
  '/vision/customer/cloudstorage/transfer': transfer,
};
