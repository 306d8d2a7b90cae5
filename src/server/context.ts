/** The per-request context: who is calling, fresh loaders, the request's abort signal. */
import { randomUUID } from 'node:crypto';
import { createRequestReads } from '../caching/response-cache.js';
import type { ReadTracker, VendorCache } from '../caching/vendor-cache.js';
import type { StreamingPlan } from '../domain/streaming-plan.js';
import type { BillingIndex } from '../billing-index/billing-index.js';
import { createBillingLoaders, type BillingLoaders } from '../loaders/billing-orders.js';
import type { Limiter } from '../loaders/concurrency.js';
import { createDeviceOrderLoaders, type DeviceOrderLoaders } from '../loaders/device-orders.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { StreamingPlansCache } from '../loaders/streaming-plans.js';
import type { BssApi, CallOptions, IlopApi, IlopCallOptions } from '../upstream/clients.js';
import type { Viewer } from './viewer.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { Transport } from '../live/metrics.js';

/** What lives for the whole process and every request shares. */
export interface Services {
  ilop: IlopApi;
  bss: BssApi;
  /** The account's BSS orders kept by sweeps (null: off). */
  billingIndex: BillingIndex | null;
  /** Bounds concurrent BSS calls of this process. */
  bssLimit: Limiter;
  idempotency: IdempotencyStore;
  streamingPlans: StreamingPlansCache;
  /** Short-TTL vendor reads shared across requests, per caller. */
  vendorCache: VendorCache;
  /** Builds each request's `devices` and `billing` loaders. */
  loaders: LoaderFactory;
  /** Subscriptions and what feeds them: writes publish their changes here. */
  live: LiveUpdates;
}

/** A request's vendor-call options and its record of shared-cache reads. */
export interface RequestCalls {
  call: () => CallOptions;
  /** `call` with the viewer's iotToken, for Living IoT. */
  ilopCall: () => IlopCallOptions;
  /** What this request read from the shared cache: lets the response cache reuse its result. */
  reads: ReadTracker;
}

export interface RequestLoaders {
  devices: DeviceOrderLoaders;
  billing: BillingLoaders;
}

export type LoaderFactory = (
  services: Services,
  viewer: Viewer,
  calls: RequestCalls,
) => RequestLoaders;

/** subgate's loaders: batched per request, through the shared cache and the billing index. */
export const sharedLoaders: LoaderFactory = (services, viewer, { call, ilopCall, reads }) => {
  const sharing = { cache: services.vendorCache, callerKey: viewer.cacheKey, tracker: reads };
  return {
    devices: createDeviceOrderLoaders(services.ilop, ilopCall, sharing),
    billing: createBillingLoaders(services.bss, call, services.bssLimit, {
      ...sharing,
      index: services.billingIndex,
    }),
  };
};

export function createContext(
  services: Services,
  viewer: Viewer,
  signal: AbortSignal,
  /** Logged, returned in `extensions.requestId` and sent as the Living IoT envelope `id`. */
  requestId: string = randomUUID(),
  /** Epoch ms past which no vendor call of this request starts an attempt (REQUEST_DEADLINE_MS). */
  deadline?: number,
  /** How a subscription of this request is delivered: yoga's SSE, or graphql-ws. */
  transport: Transport = 'sse',
) {
  const call = (): CallOptions => ({ signal, requestId, deadline });
  const ilopCall = (): IlopCallOptions => ({
    ...call(),
    ...(viewer.kind === 'user' ? { iotToken: viewer.iotToken } : {}),
  });
  const reads = createRequestReads();
  return {
    viewer,
    reads,
    requestId,
    signal,
    services,
    transport,
    ilopCall,
    ...services.loaders(services, viewer, { call, ilopCall, reads }),
    streamingPlans: (): Promise<StreamingPlan[]> =>
      services.streamingPlans(viewer.cacheKey, ilopCall()),
    now: () => new Date(),
  };
}
export type Context = ReturnType<typeof createContext>;
