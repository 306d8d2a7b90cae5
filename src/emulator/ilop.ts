import { addCalendarMonths, formatPlatformLocal, formatUtc } from './clock.js';
import { billingFor } from './dataset.js';
import type { CloudStorageOrder, Device, StreamingOrder, User } from './dataset-schema.js';
import { IlopFailure, localizedMessage, parameterError, type Language } from './ilop-codes.js';
import {
  optionalBoolean,
  optionalInt,
  optionalString,
  requiredInt,
  requiredString,
  type Params,
} from './ilop-params.js';
import { formatYuan, toFen } from './money.js';
import type { Store } from './state.js';

// The Living IoT "vision" APIs behind the API gateway (docs/vendors.md#living-iot, the Living IoT documents).

export interface IlopEnvelope {
  id: unknown;
  code: number;
  message: string | null;
  localizedMsg: string | null;
  data: unknown;
}

interface Call {
  store: Store;
  now: number;
  params: Params;
  /** request.iotToken, when the caller acts as an end user. */
  iotToken: string | undefined;
}

interface Outcome {
  data: unknown;
  /** Reads answer "success" (docs/vendors.md#endpoints); bind and create answer null (the bind and create documents' examples). */
  quiet?: boolean;
}

interface IlopApi {
  apiVer: string;
  handle(call: Call): Outcome;
}

/** Identity rules (docs/vendors.md#identity): without iotToken the AppKey's authority covers every device. */
function userOf(call: Call): User | undefined {
  if (call.iotToken === undefined) return undefined;
  const user = call.store.userByToken(call.iotToken);
  if (!user) throw new IlopFailure(2062);
  return user;
}

function authorize(call: Call, device: Device, needsAdmin: boolean): void {
  const user = userOf(call);
  if (!user) return;
  const isAdmin = device.adminIdentityId === user.identityId;
  if (!isAdmin && !device.boundIdentityIds.includes(user.identityId)) throw new IlopFailure(2065);
  if (needsAdmin && !isAdmin) throw new IlopFailure(2066);
}

function knownDevice(call: Call, iotId: string): Device {
  const device = call.store.device(iotId);
  if (!device) throw parameterError(`iotId ${iotId} does not exist`, `设备${iotId}不存在`);
  return device;
}

function adminOf(device: Device): string {
  if (device.adminIdentityId === null) {
    throw parameterError(
      `device ${device.iotId} has no admin to bind to`,
      `设备${device.iotId}未绑定管理员`,
    );
  }
  return device.adminIdentityId;
}

function pageParams(params: Params): { pageNo: number; pageSize: number } {
  return {
    pageNo: optionalInt(params, 'pageNo', { min: 0, numericString: true }) ?? 0,
    pageSize: optionalInt(params, 'pageSize', { min: 1, max: 50, numericString: true }) ?? 20,
  };
}

/** Page 0 is the first page (docs/vendors.md#endpoints). */
function page<T>(
  items: readonly T[],
  pageNo: number,
  pageSize: number,
  wire: (item: T) => unknown,
) {
  return {
    pageNo,
    pageSize,
    pageCount: Math.ceil(items.length / pageSize),
    total: items.length,
    orderList: items.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map(wire),
  };
}

/** The wire shape: the record without the emulator's own `recordSettings`. */
export function cloudOrderWire(
  order: CloudStorageOrder,
): Omit<CloudStorageOrder, 'recordSettings'> {
  const { recordSettings: _settings, ...wire } = order;
  return wire;
}

/** Streaming orders on the wire: the create document fields plus months (the device is implied by the request). */
export function streamingOrderWire(order: StreamingOrder): Omit<StreamingOrder, 'iotId'> {
  const { iotId: _iotId, ...wire } = order;
  return wire;
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
    const order = call.store.cloudOrder(orderId);
    if (!order || order.iotId !== iotId) {
      throw parameterError(
        `orderId ${orderId} does not exist on device ${iotId}`,
        `设备${iotId}下不存在订单${orderId}`,
      );
    }
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
    const settings = {
      enableDefaultPlan: optionalBoolean(p, 'enableDefaultPlan'),
      preRecordDuration: optionalInt(p, 'preRecordDuration', { min: 0, max: 5 }),
      recordDuration: optionalInt(p, 'recordDuration', { min: 0, max: 30 }),
      eventRecordProlong: optionalBoolean(p, 'eventRecordProlong'),
      maxRecordFileDuration: optionalInt(p, 'maxRecordFileDuration', { min: 600, max: 3600 }),
    };
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
      startTime: formatPlatformLocal(start),
      endTime: formatPlatformLocal(end),
      startTimeUTC: formatUtc(start),
      endTimeUTC: formatUtc(end),
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
    const order = call.store.streamingOrdersOf(iotId).find((o) => o.orderId === orderId);
    if (!order) {
      throw parameterError(
        `orderId ${orderId} does not exist on device ${iotId}`,
        `设备${iotId}下不存在订单${orderId}`,
      );
    }
    return { data: streamingOrderWire(order) };
  },
};

export const ILOP_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/cloudstorage/order/query': cloudQuery,
  '/vision/customer/cloudstorage/bind/order': bindOrder,
  '/vision/customer/streaming/order/create': streamingCreate,
  '/vision/customer/cloudstorage/order/get': cloudGet,
  '/vision/customer/streaming/commodity/query': commodityQuery,
  '/vision/customer/streaming/order/query': streamingQuery,
  '/vision/customer/streaming/order/get': streamingGet,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function failureEnvelope(
  id: unknown,
  failure: IlopFailure,
  language: Language,
): IlopEnvelope {
  return {
    id,
    code: failure.code,
    message: failure.message,
    localizedMsg: localizedMessage(failure, language),
    data: null,
  };
}

/** Parses the request envelope; the id and language are needed even to answer a failure. */
export function readEnvelope(body: Buffer): {
  id: unknown;
  language: Language;
  envelope: Record<string, unknown> | undefined;
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { id: null, language: 'zh-CN', envelope: undefined };
  }
  if (!isObject(parsed)) return { id: null, language: 'zh-CN', envelope: undefined };
  const request = isObject(parsed.request) ? parsed.request : {};
  return {
    id: parsed.id ?? null,
    language: request.language === 'en-US' ? 'en-US' : 'zh-CN',
    envelope: parsed,
  };
}

/** Runs one Living IoT call that has passed the gateway: the envelope answer (always HTTP 200). */
export function handleIlop(path: string, body: Buffer, store: Store, now: number): IlopEnvelope {
  const { id, language, envelope } = readEnvelope(body);
  try {
    if (!envelope) {
      throw new IlopFailure(400, {
        en: 'the body must be a JSON object',
        zh: '请求体必须是JSON对象',
      });
    }
    const api = ILOP_APIS[path];
    if (!api) throw new IlopFailure(404);
    const request = isObject(envelope.request) ? envelope.request : {};
    if (request.apiVer !== api.apiVer) throw new IlopFailure(20003);
    const token = request.iotToken;
    if (token !== undefined && typeof token !== 'string') throw new IlopFailure(2062);
    const params = envelope.params === undefined || envelope.params === null ? {} : envelope.params;
    if (!isObject(params)) {
      throw new IlopFailure(400, {
        en: 'params must be a JSON object',
        zh: 'params必须是JSON对象',
      });
    }
    const outcome = api.handle({ store, now, params, iotToken: token });
    return {
      id,
      code: 200,
      message: outcome.quiet ? null : 'success',
      localizedMsg: outcome.quiet ? null : 'success',
      data: outcome.data,
    };
  } catch (error) {
    if (error instanceof IlopFailure) return failureEnvelope(id, error, language);
    throw error;
  }
}
