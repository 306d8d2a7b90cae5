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

export const CLOUD_STORAGE_ORDER_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/cloudstorage/order/query': cloudQuery,
  '/vision/customer/cloudstorage/order/get': cloudGet,
  '/vision/customer/cloudstorage/bind/order': bindOrder,
  '/vision/customer/cloudstorage/status/set': statusSet,
};
