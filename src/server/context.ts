/** The per-request context: who is calling, fresh loaders, the request's abort signal. */
import { randomUUID } from 'node:crypto';
import { createRequestReads } from '../caching/response-cache.js';
import type { VendorCache } from '../caching/vendor-cache.js';
import type { StreamingPlan } from '../domain/streaming-plan.js';
import type { BillingIndex } from '../billing-index/billing-index.js';
import { createBillingLoaders } from '../loaders/billing-orders.js';
import type { Limiter } from '../loaders/concurrency.js';
import type { LoaderMode } from '../loaders/loader-mode.js';
import { createDeviceOrderLoaders } from '../loaders/device-orders.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { StreamingPlansCache } from '../loaders/streaming-plans.js';
import type { BssApi, CallOptions, IlopApi, IlopCallOptions } from '../upstream/clients.js';
import type { Viewer } from './viewer.js';

/** What lives for the whole process and every request shares. */
export interface Services {
  ilop: IlopApi;
  bss: BssApi;
  /** The account's BSS orders kept by sweeps (null: off, or the naive baseline). */
  billingIndex: BillingIndex | null;
  /** Bounds concurrent BSS calls of this process. */
  bssLimit: Limiter;
  idempotency: IdempotencyStore;
  streamingPlans: StreamingPlansCache;
  /** Short-TTL vendor reads shared across requests, per caller. */
  vendorCache: VendorCache;
  /** `naive`: the benchmark's baseline (no loaders, no shared cache). */
  loaderMode: LoaderMode;
}

export function createContext(
  services: Services,
  viewer: Viewer,
  signal: AbortSignal,
  /** Logged, returned in `extensions.requestId` and sent as the Living IoT envelope `id`. */
  requestId: string = randomUUID(),
  /** Epoch ms past which no vendor call of this request starts an attempt (REQUEST_DEADLINE_MS). */
  deadline?: number,
) {
  const call = (): CallOptions => ({ signal, requestId, deadline });
  const ilopCall = (): IlopCallOptions => ({
    ...call(),
    ...(viewer.kind === 'user' ? { iotToken: viewer.iotToken } : {}),
  });
  // What this request read from the shared cache: lets the response cache reuse its result.
  const reads = createRequestReads();
  const sharing = {
    mode: services.loaderMode,
    cache: services.vendorCache,
    callerKey: viewer.cacheKey,
    tracker: reads,
  };
  return {
    viewer,
    reads,
    requestId,
    signal,
    services,
    ilopCall,
    devices: createDeviceOrderLoaders(services.ilop, ilopCall, sharing),
    billing: createBillingLoaders(services.bss, call, services.bssLimit, {
      ...sharing,
      index: services.billingIndex,
    }),
    streamingPlans: (): Promise<StreamingPlan[]> =>
      services.streamingPlans(viewer.cacheKey, ilopCall()),
    now: () => new Date(),
  };
}
export type Context = ReturnType<typeof createContext>;
