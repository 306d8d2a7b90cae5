/** The per-request context: who is calling, fresh loaders, the request's abort signal. */
import { randomUUID } from 'node:crypto';
import type { StreamingPlan } from './domain/streaming-plan.js';
import { createBillingLoaders } from './loaders/billing-orders.js';
import type { Limiter } from './loaders/concurrency.js';
import { createDeviceOrderLoaders } from './loaders/device-orders.js';
import type { BssApi, IlopApi, IlopCallOptions } from './vendor/clients.js';
import type { Viewer } from './viewer.js';

export interface Vendors {
  ilop: IlopApi;
  bss: BssApi;
  /** Shared across requests: bounds concurrent BSS calls of this process. */
  bssLimit: Limiter;
}

export function createContext(vendors: Vendors, viewer: Viewer, signal: AbortSignal) {
  const requestId = randomUUID();
  const ilopCall = (): IlopCallOptions => ({
    signal,
    requestId,
    ...(viewer.kind === 'user' ? { iotToken: viewer.iotToken } : {}),
  });
  let plans: Promise<StreamingPlan[]> | null = null;
  return {
    viewer,
    requestId,
    signal,
    vendors,
    ilopCall,
    devices: createDeviceOrderLoaders(vendors.ilop, ilopCall),
    billing: createBillingLoaders(vendors.bss, () => ({ signal, requestId }), vendors.bssLimit),
    streamingPlans(): Promise<StreamingPlan[]> {
      plans ??= vendors.ilop.queryStreamingPlans(ilopCall());
      return plans;
    },
    now: () => new Date(),
  };
}
export type Context = ReturnType<typeof createContext>;
