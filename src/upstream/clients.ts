/**
 * The vendor clients' public surface: GraphQL-agnostic, domain types in and out.
 * Every method throws `VendorError` on any failure.
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { CloudStorageOrder } from '../domain/cloud-storage-order.js';
import type {
  CloudStoragePlan,
  CloudStoragePlanAvailability,
} from '../domain/cloud-storage-plan.js';
import type { DeviceBinding } from '../domain/device-binding.js';
import type { FreeCloudStorage } from '../domain/free-cloud-storage.js';
import type { Page } from '../domain/page.js';
import type { StreamingOrder } from '../domain/streaming-order.js';
import type { StreamingPlan } from '../domain/streaming-plan.js';
import type { Caller } from './caller.js';
import type { Priority } from './flow-control.js';

export interface CallOptions {
  /** The caller's abort signal (client disconnect); combined with the per-API timeout. */
  signal?: AbortSignal;
  /** Envelope `id` (Living IoT) for correlation; a fresh UUID when absent. */
  requestId?: string;
  /**
   * Absolute deadline (epoch ms; the request's, REQUEST_DEADLINE_MS): attempts are cut short by it
   * and no attempt, retry or flow-control wait starts past it (pipeline/deadline.ts).
   */
  deadline?: number;
  /** Flow-control lane (flow-control.ts): `background` yields to every request. */
  priority?: Priority;
  /** Whose call: its flow-control turn and its operation's tally of calls sent (caller.ts). */
  caller?: Caller;
}

/**
 * The options without the caller's signal: a read shared across requests must not die with the
 * request that happened to start it. Its deadline stays: no later than any joiner's own.
 */
export function detached<O extends CallOptions>(options: O): O {
  const { signal: _signal, ...rest } = options;
  return rest as O;
}

export interface IlopCallOptions extends CallOptions {
  /** End-user session token, sent as `request.iotToken`; omitted entirely when absent. */
  iotToken?: string;
}

/** Vendor page numbers are the vendor's own (Living IoT: 0-based). */
export interface IlopPageParams {
  iotId: string;
  pageNo: number;
  pageSize: number;
}

export interface BindCloudStorageOrderParams {
  iotId: string;
  orderId: string;
  userName?: string;
  userId?: string;
  enableDefaultPlan?: boolean;
  preRecordDuration?: number;
  recordDuration?: number;
  eventRecordProlong?: boolean;
  maxRecordFileDuration?: number;
}

/** The buy document: iotId, userName, commodityCode, specification, copies required. */
export interface BuyCloudStoragePlanParams extends Omit<BindCloudStorageOrderParams, 'orderId'> {
  userName: string;
  commodityCode: string;
  specification: string;
  copies: number;
  immediateUse?: boolean;
}

/** The transfer document: srcIotId, srcOrderId, dstIotId required. */
export interface TransferCloudStorageOrderParams extends Omit<
  BindCloudStorageOrderParams,
  'orderId' | 'iotId' | 'maxRecordFileDuration'
> {
  srcIotId: string;
  srcOrderId: string;
  dstIotId: string;
  immediateUse?: boolean;
}

export interface CreateStreamingOrderParams {
  iotId: string;
  commodityCode: string;
  copies: number;
  userName?: string;
  userId?: string;
  immediateUse?: boolean;
}

export interface IlopApi {
  queryCloudStorageOrders(
    params: IlopPageParams & { deviceNoOwner?: boolean },
    opts?: IlopCallOptions,
  ): Promise<Page<CloudStorageOrder>>;
  getCloudStorageOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<CloudStorageOrder>;
  /** Write: never retried. Null when the vendor answers `data: null` (the bind document example). */
  bindCloudStorageOrder(
    params: BindCloudStorageOrderParams,
    opts?: IlopCallOptions,
  ): Promise<CloudStorageOrder | null>;
  /** Write: never retried. */
  createStreamingOrder(
    params: CreateStreamingOrderParams,
    opts?: IlopCallOptions,
  ): Promise<StreamingOrder>;
  /** Write (10 s server timeout): never retried. The order as it is after the call. */
  payStreamingOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<StreamingOrder>;
  /** Write: never retried. Starts a paid, queued order now; the order after it. */
  enableStreamingOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<StreamingOrder>;
  queryStreamingPlans(opts?: IlopCallOptions): Promise<StreamingPlan[]>;
  queryStreamingOrders(
    params: IlopPageParams,
    opts?: IlopCallOptions,
  ): Promise<Page<StreamingOrder>>;
  getStreamingOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<StreamingOrder>;
  /** The iotToken's user's devices; `pageNo` is the vendor's own (1-based). Needs `iotToken`. */
  listBindings(
    params: { pageNo: number; pageSize: number },
    opts?: IlopCallOptions,
  ): Promise<Page<DeviceBinding>>;
  queryCloudStoragePlans(opts?: IlopCallOptions): Promise<CloudStoragePlan[]>;
  checkCloudStoragePlan(
    params: { iotId: string; commodityCode: string; specification: string },
    opts?: IlopCallOptions,
  ): Promise<CloudStoragePlanAvailability>;
  getFreeCloudStorage(params: { iotId: string }, opts?: IlopCallOptions): Promise<FreeCloudStorage>;
  /** Write: never retried. Claims the device's free plan; the plan after it. */
  consumeFreeCloudStorage(
    params: {
      iotId: string;
      quota?: number;
      immediateUse?: boolean;
      enableDefaultPlan?: boolean;
      preRecordDuration?: number;
      recordDuration?: number;
    },
    opts?: IlopCallOptions,
  ): Promise<FreeCloudStorage>;
  /** Write: never retried. The order on the destination. */
  transferCloudStorageOrder(
    params: TransferCloudStorageOrderParams,
    opts?: IlopCallOptions,
  ): Promise<CloudStorageOrder>;
  /** Write: never retried. status/set with status 2; the order after it. */
  freezeCloudStorageOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<CloudStorageOrder>;
  /** Write: never retried. Starts a paid, queued order now; the order after it. */
  enableCloudStorageOrder(
    params: { iotId: string; orderId: string },
    opts?: IlopCallOptions,
  ): Promise<CloudStorageOrder>;
  /** Write (10 s server timeout): never retried. The new order's `orderId`. */
  buyCloudStoragePlan(params: BuyCloudStoragePlanParams, opts?: IlopCallOptions): Promise<string>;
  close(): Promise<void>;
}

export interface BssApi {
  /** `pageNum` is BSS's own (1-based). */
  queryOrders(
    params: BillingOrderFilter & { pageNum: number; pageSize: number },
    opts?: CallOptions,
  ): Promise<Page<BillingOrder>>;
  /** Null when BSS knows no such order. */
  getOrderDetail(orderId: string, opts?: CallOptions): Promise<BillingOrder | null>;
  close(): Promise<void>;
}
