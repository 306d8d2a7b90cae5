/** The per-request context: who is calling, fresh loaders, the request's abort signal. */
import { randomUUID } from 'node:crypto';
import type { StreamingPlan } from './domain/streaming-plan.js';
import { createBillingLoaders } from './loaders/billing-orders.js';
import type { Limiter } from './loaders/concurrency.js';
import { createDeviceOrderLoaders } from './loaders/device-orders.js';
import type { IdempotencyStore } from './idempotency/store.js';
import type { StreamingPlansCache } from './loaders/streaming-plans.js';
import type { BssApi, IlopApi, IlopCallOptions } from './vendor/clients.js';
import type { Viewer } from './viewer.js';

/** What lives for the whole process and every request shares. */
export interface Services {
  ilop: IlopApi;
  bss: BssApi;
  /** Bounds concurrent BSS calls of this process. */
  bssLimit: Limiter;
  idempotency: IdempotencyStore;
  streamingPlans: StreamingPlansCache;
}

export function createContext(services: Services, viewer: Viewer, signal: AbortSignal) {
  const requestId = randomUUID();
  const ilopCall = (): IlopCallOptions => ({
    signal,
    requestId,
    ...(viewer.kind === 'user' ? { iotToken: viewer.iotToken } : {}),
  });
  return {
    viewer,
    requestId,
    signal,
    services,
    ilopCall,
    devices: createDeviceOrderLoaders(services.ilop, ilopCall),
    billing: createBillingLoaders(services.bss, () => ({ signal, requestId }), services.bssLimit),
    streamingPlans: (): Promise<StreamingPlan[]> =>
      services.streamingPlans(viewer.cacheKey, ilopCall()),
    now: () => new Date(),
  };
}
export type Context = ReturnType<typeof createContext>;
