/** The per-request context: who is calling, fresh loaders, the request's abort signal. */
import { randomUUID } from 'node:crypto';
import { createRequestReads } from '../caching/response-cache.js';
import type { ReadTracker, VendorCache } from '../caching/vendor-cache.js';
import type { CloudStoragePlan } from '../domain/cloud-storage-plan.js';
import type { StreamingPlan } from '../domain/streaming-plan.js';
import type { BillingIndex } from '../billing-index/billing-index.js';
import { createBillingLoaders, type BillingLoaders } from '../loaders/billing-orders.js';
import { createBindingLoaders, type BindingLoaders } from '../loaders/bindings.js';
import type { CloudStoragePlansCache } from '../loaders/cloud-storage-plans.js';
import type { Limiter } from '../loaders/concurrency.js';
import { createDevicePlanLoaders, type DevicePlanLoaders } from '../loaders/device-plans.js';
import { createDeviceOrderLoaders, type DeviceOrderLoaders } from '../loaders/device-orders.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { StreamingPlansCache } from '../loaders/streaming-plans.js';
import type { BssApi, CallOptions, IlopApi, IlopCallOptions } from '../upstream/clients.js';
import type { Caller } from '../upstream/caller.js';
import type { OperationBudget } from '../budgets/leaky-bucket.js';
import type { Viewer } from './viewer.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { Transport } from '../live/metrics.js';
import type { SubscriptionTickets } from './subscription-tickets.js';
import { stopFollowing } from './request-signal.js';

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
  /** The cloud-storage catalogue, one for every caller. */
  cloudStoragePlans: CloudStoragePlansCache;
  /** Rows per binding-list page (ILOP_BINDING_PAGE_SIZE). */
  bindingPageSize: number;
  /** Short-TTL vendor reads shared across requests, per caller. */
  vendorCache: VendorCache;
  /** Builds each request's `devices` and `billing` loaders. */
  loaders: LoaderFactory;
  /** Subscriptions and what feeds them: writes publish their changes here. */
  live: LiveUpdates;
  /** Mints the tickets a browser EventSource subscribes with. */
  tickets: SubscriptionTickets;
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
  /** The user's binding list; never read for an admin key, which has no user. */
  bindings: BindingLoaders;
  devicePlans: DevicePlanLoaders;
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
    bindings: createBindingLoaders(services.ilop, ilopCall, {
      ...sharing,
      pageSize: services.bindingPageSize,
    }),
    devicePlans: createDevicePlanLoaders(services.ilop, ilopCall, sharing),
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
  // The vendor calls this operation sent: what its budget is charged in the end (use-budgets.ts).
  let sent = 0;
  const caller: Caller = {
    key: viewer.cacheKey,
    kind: viewer.kind,
    sent: () => {
      sent++;
    },
  };
  const call = (): CallOptions => ({ signal, requestId, deadline, caller });
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
    cloudStoragePlans: (): Promise<CloudStoragePlan[]> => services.cloudStoragePlans(ilopCall()),
    now: () => new Date(),
    vendorCallsSent: () => sent,
    /** This operation's charge and its bucket (`Query.rateLimit`); set by the budgets plugin. */
    budget: undefined as OperationBudget | undefined,
  };
}
export type Context = ReturnType<typeof createContext>;

/**
 * A request's own execution state: its loaders, its record of shared-cache reads, its vendor-call
 * options and counters, and its budget's reading.
 */
const REQUEST_STATE = [
  'devices',
  'bindings',
  'devicePlans',
  'billing',
  'reads',
  'ilopCall',
  'streamingPlans',
  'cloudStoragePlans',
  'now',
  'vendorCallsSent',
  'budget',
  'signal',
] as const;

/**
 * Lets go of what only the request's own execution uses. yoga keeps a streaming request's context
 * for as long as the stream is open; a subscription that has started executes its events on
 * contexts of their own (use-shared-subscription-results.ts), so it keeps only the rest: the
 * viewer, the request id, the transport.
 */
export function releaseRequestState(ctx: Context): void {
  stopFollowing(ctx.signal);
  const state = ctx as Partial<Pick<Context, (typeof REQUEST_STATE)[number]>>;
  for (const key of REQUEST_STATE) delete state[key];
}
