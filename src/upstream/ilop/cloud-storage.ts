/**
 * Cloud-storage orders: query (docs/vendors.md#endpoints), get (docs/vendors.md#endpoints) and bind (docs/vendors.md#endpoints).
 * Wire shapes are checked with zod, then mapped once into `domain/cloud-storage-order`.
 */
import { z } from 'zod';
import type {
  CloudStorageOrder,
  CloudStorageStatus,
  OrderType,
  RecordType,
} from '../../domain/cloud-storage-order.js';
import type { Page } from '../../domain/page.js';
import type { IlopApi } from '../clients.js';
import { enumFromInt, wireDecimal, wireInt, wireText } from '../wire.js';
import type { IlopCall } from './client.js';
import {
  listParams,
  livingIotMoney,
  mapPaymentStatus,
  pageOffset,
  wirePageFrame,
  wireTime,
} from './order-fields.js';
import { parsePlatformTime } from './platform-time.js';

export const CLOUD_STORAGE_PATHS = {
  query: '/vision/customer/cloudstorage/order/query',
  get: '/vision/customer/cloudstorage/order/get',
  bind: '/vision/customer/cloudstorage/bind/order',
} as const;

/** the order-query document header: 1.0.6 for query; the detail API shares it (docs/vendors.md#endpoints). */
const API_VER = { query: '1.0.6', get: '1.0.6', bind: '1.0.0' } as const;

export const wireCloudStorageOrder = z.object({
  iotId: wireText,
  identityId: wireText,
  commodityCode: z.string().min(1),
  specification: wireText,
  copies: wireInt,
  price: wireDecimal,
  userName: wireText,
  userId: wireText,
  orderId: z.string().min(1),
  outOrderNo: wireText,
  status: wireInt,
  paymentStatus: wireInt,
  recordType: wireInt.nullish(),
  orderType: wireInt,
  startTime: wireTime,
  endTime: wireTime,
  startTimeUTC: wireTime,
  endTimeUTC: wireTime,
  preConsume: wireInt.nullish(),
});
export type WireCloudStorageOrder = z.output<typeof wireCloudStorageOrder>;

export const wireCloudStorageOrderPage = z.object({
  ...wirePageFrame,
  // An empty page may come as null.
  orderList: z.array(wireCloudStorageOrder).nullish(),
});

/** Living IoT `status`, `recordType`, `orderType`. */
const STATUS: Record<number, CloudStorageStatus> = {
  0: 'ACTIVE',
  1: 'EXPIRED',
  2: 'FROZEN',
  3: 'CREATING',
};
/** Living IoT `recordType` (orders, plans on sale, the free plan's `type`). */
export const RECORD_TYPE: Record<number, RecordType> = { 1: 'CONTINUOUS', 2: 'EVENT' };
const ORDER_TYPE: Record<number, OrderType> = { 0: 'PAID', 1: 'FREE' };

/** `iotId` falls back to the request's: it is the device the call was about. */
export function mapCloudStorageOrder(w: WireCloudStorageOrder, iotId: string): CloudStorageOrder {
  return {
    kind: 'cloudStorage',
    iotId: w.iotId ?? iotId,
    identityId: w.identityId,
    commodityCode: w.commodityCode,
    specification: w.specification,
    copies: w.copies,
    price: livingIotMoney(w.price),
    userName: w.userName,
    userId: w.userId,
    orderId: w.orderId,
    outOrderNo: w.outOrderNo,
    status: enumFromInt(STATUS, w.status, 'status'),
    paymentStatus: mapPaymentStatus(w.paymentStatus),
    recordType: w.recordType == null ? null : enumFromInt(RECORD_TYPE, w.recordType, 'recordType'),
    orderType: enumFromInt(ORDER_TYPE, w.orderType, 'orderType'),
    startTime: parsePlatformTime(w.startTimeUTC, w.startTime, 'startTime'),
    endTime: parsePlatformTime(w.endTimeUTC, w.endTime, 'endTime'),
    preConsume: w.preConsume ?? null,
  };
}

export function mapCloudStorageOrderPage(
  w: z.output<typeof wireCloudStorageOrderPage>,
  requested: { iotId: string; pageNo: number; pageSize: number },
): Page<CloudStorageOrder> {
  return {
    ...pageOffset(w, requested),
    total: w.total,
    items: (w.orderList ?? []).map((o) => mapCloudStorageOrder(o, requested.iotId)),
  };
}

type CloudStorageMethods = Pick<
  IlopApi,
  'queryCloudStorageOrders' | 'getCloudStorageOrder' | 'bindCloudStorageOrder'
>;

export function cloudStorageMethods(call: IlopCall): CloudStorageMethods {
  return {
    queryCloudStorageOrders(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_PATHS.query,
          apiVer: API_VER.query,
          write: false,
          params: { ...listParams(params), deviceNoOwner: params.deviceNoOwner },
          schema: wireCloudStorageOrderPage,
          map: (w) => mapCloudStorageOrderPage(w, params),
        },
        opts,
      );
    },
    getCloudStorageOrder(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_PATHS.get,
          apiVer: API_VER.get,
          write: false,
          params: { iotId: params.iotId, orderId: params.orderId },
          schema: wireCloudStorageOrder,
          map: (w) => mapCloudStorageOrder(w, params.iotId),
        },
        opts,
      );
    },
    bindCloudStorageOrder(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_PATHS.bind,
          apiVer: API_VER.bind,
          write: true,
          params: { ...params },
          // the bind document's example answers `data: null`; the table says the order: take both.
          schema: wireCloudStorageOrder.nullable(),
          map: (w) => (w === null ? null : mapCloudStorageOrder(w, params.iotId)),
        },
        opts,
      );
    },
  };
}
