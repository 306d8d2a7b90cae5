/**
 * Live-stream sharing: plans and orders (the create document; the list and detail APIs are unpublished,
 * docs/vendors.md#endpoints, so their apiVer comes from config and their page shape is assumed to
 * match the order-query document's).
 */
import { z } from 'zod';
import type { Page } from '../../domain/page.js';
import type { StreamingOrder, StreamingStatus } from '../../domain/streaming-order.js';
import type { StreamingPlan } from '../../domain/streaming-plan.js';
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

export const STREAMING_PATHS = {
  plans: '/vision/customer/streaming/commodity/query',
  create: '/vision/customer/streaming/order/create',
  query: '/vision/customer/streaming/order/query',
  get: '/vision/customer/streaming/order/get',
  pay: '/vision/customer/streaming/order/pay',
  enable: '/vision/customer/streaming/order/enable',
} as const;

export const wireStreamingPlan = z.object({
  commodityCode: z.string().min(1),
  commodityName: z.string(),
  months: wireInt,
  quota: wireInt,
  price: wireDecimal,
});

export const wireStreamingPlans = z.array(wireStreamingPlan).nullable();

export const wireStreamingOrder = z.object({
  identityId: wireText,
  orderId: z.string().min(1),
  outOrderNo: wireText,
  commodityName: wireText,
  commodityCode: z.string().min(1),
  copies: wireInt,
  months: wireInt.nullish(),
  startTime: wireTime,
  endTime: wireTime,
  startTimeUTC: wireTime,
  endTimeUTC: wireTime,
  status: wireInt,
  paymentStatus: wireInt,
  price: wireDecimal,
  userName: wireText,
  userId: wireText,
});
export type WireStreamingOrder = z.output<typeof wireStreamingOrder>;

/** Assumed `orderList` like the order-query document (unpublished API). */
export const wireStreamingOrderPage = z.object({
  ...wirePageFrame,
  orderList: z.array(wireStreamingOrder).nullish(),
});

/** Living IoT streaming `status`: 0 valid, 1 expired, 2 frozen. */
const STATUS: Record<number, StreamingStatus> = { 0: 'ACTIVE', 1: 'EXPIRED', 2: 'FROZEN' };

export function mapStreamingPlan(w: z.output<typeof wireStreamingPlan>): StreamingPlan {
  return {
    commodityCode: w.commodityCode,
    commodityName: w.commodityName,
    months: w.months,
    quota: w.quota,
    price: livingIotMoney(w.price),
  };
}

/** the create document's data has no iotId: the device is the one the request named. */
export function mapStreamingOrder(w: WireStreamingOrder, iotId: string): StreamingOrder {
  return {
    kind: 'streaming',
    iotId,
    identityId: w.identityId,
    orderId: w.orderId,
    outOrderNo: w.outOrderNo,
    commodityName: w.commodityName,
    commodityCode: w.commodityCode,
    copies: w.copies,
    months: w.months ?? null,
    startTime: parsePlatformTime(w.startTimeUTC, w.startTime, 'startTime'),
    endTime: parsePlatformTime(w.endTimeUTC, w.endTime, 'endTime'),
    status: enumFromInt(STATUS, w.status, 'status'),
    paymentStatus: mapPaymentStatus(w.paymentStatus),
    price: livingIotMoney(w.price),
    userName: w.userName,
    userId: w.userId,
  };
}

export function mapStreamingOrderPage(
  w: z.output<typeof wireStreamingOrderPage>,
  requested: { iotId: string; pageNo: number; pageSize: number },
): Page<StreamingOrder> {
  return {
    ...pageOffset(w, requested),
    total: w.total,
    items: (w.orderList ?? []).map((o) => mapStreamingOrder(o, requested.iotId)),
  };
}

type StreamingMethods = Pick<
  IlopApi,
  | 'queryStreamingPlans'
  | 'createStreamingOrder'
  | 'payStreamingOrder'
  | 'enableStreamingOrder'
  | 'queryStreamingOrders'
  | 'getStreamingOrder'
>;

export interface StreamingApiVersions {
  streamingOrderQueryApiVer: string;
  streamingOrderGetApiVer: string;
  streamingOrderEnableApiVer: string;
}

export function streamingMethods(call: IlopCall, versions: StreamingApiVersions): StreamingMethods {
  return {
    queryStreamingPlans(opts) {
      return call(
        {
          path: STREAMING_PATHS.plans,
          apiVer: '1.0.0',
          write: false,
          params: {},
          schema: wireStreamingPlans,
          map: (w) => (w ?? []).map(mapStreamingPlan),
        },
        opts,
      );
    },
    createStreamingOrder(params, opts) {
      return call(
        {
          path: STREAMING_PATHS.create,
          apiVer: '1.0.0',
          write: true,
          params: { ...params },
          schema: wireStreamingOrder,
          map: (w) => mapStreamingOrder(w, params.iotId),
        },
        opts,
      );
    },
    payStreamingOrder(params, opts) {
      return call(
        {
          path: STREAMING_PATHS.pay,
          apiVer: '1.0.0',
          write: true,
          long: true,
          params: { iotId: params.iotId, orderId: params.orderId },
          schema: wireStreamingOrder,
          map: (w) => mapStreamingOrder(w, params.iotId),
        },
        opts,
      );
    },
    enableStreamingOrder(params, opts) {
      return call(
        {
          path: STREAMING_PATHS.enable,
          apiVer: versions.streamingOrderEnableApiVer,
          write: true,
          params: { iotId: params.iotId, orderId: params.orderId },
          schema: wireStreamingOrder,
          map: (w) => mapStreamingOrder(w, params.iotId),
        },
        opts,
      );
    },
    queryStreamingOrders(params, opts) {
      return call(
        {
          path: STREAMING_PATHS.query,
          apiVer: versions.streamingOrderQueryApiVer,
          write: false,
          params: listParams(params),
          schema: wireStreamingOrderPage,
          map: (w) => mapStreamingOrderPage(w, params),
        },
        opts,
      );
    },
    getStreamingOrder(params, opts) {
      return call(
        {
          path: STREAMING_PATHS.get,
          apiVer: versions.streamingOrderGetApiVer,
          write: false,
          params: { iotId: params.iotId, orderId: params.orderId },
          schema: wireStreamingOrder,
          map: (w) => mapStreamingOrder(w, params.iotId),
        },
        opts,
      );
    },
  };
}
