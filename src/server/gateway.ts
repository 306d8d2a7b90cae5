/**
 * createGateway(config) → { yoga, close }: the whole HTTP surface, with no port bound and no
 * environment read, so tests build it from a literal config.
 */
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { useAuthentication } from './use-authentication.js';
import { DOCUMENT_ID_PARAM, useTrustedDocuments } from './trusted-documents.js';
import { useBodyLimit, useNoIntrospection, useOperationLimits } from './limits/plugins.js';
import type { Config } from '../config.js';
import {
  createContext,
  releaseRequestState,
  sharedLoaders,
  type Context,
  type LoaderFactory,
  type Services,
} from './context.js';
import { useResponseCache } from '../caching/response-cache.js';
import { clientError, isClientAbort, maskError } from './client-errors.js';
import { createLimiter } from '../loaders/concurrency.js';
import type { CacheStore } from '../caching/cache-store.js';
import { createVendorCache } from '../caching/vendor-cache.js';
import { createStreamingPlansCache } from '../loaders/streaming-plans.js';
import { createCloudStoragePlansCache } from '../loaders/cloud-storage-plans.js';
import { createLogger, type Logger } from '../ops/logger.js';
import { schema, subgraphSchema } from '../schema/index.js';
import { KIND_SCOPES } from '../schema/builder.js';
import { createBssClient } from '../upstream/bss/client.js';
import { createIlopClient } from '../upstream/ilop/client.js';
import { createViewerResolver, type Viewer } from './viewer.js';
import { exampleQuery } from './graphiql-example.js';
import { useCompiledExecution } from './use-compiled-execution.js';
import { useSubscriptionsNeedAStream } from './subscription-operation.js';
import { useSubscriptionStreams } from './subscription-sse.js';
import { useSharedSubscriptionResults } from './use-shared-subscription-results.js';
import { useWholeResultUnlessAccepted } from './incremental-delivery.js';
import { createObservability } from './use-observability.js';
import { accountKey, createOps } from '../ops/services.js';
import { billingIndexFromConfig } from '../billing-index/from-config.js';
import { useOperationSpans } from './use-operation-spans.js';
import { useBudgets } from './use-budgets.js';
import { followRequestSignal } from './request-signal.js';
import type { Metrics } from '../ops/metrics.js';
import { createLiveUpdates, type LiveUpdates } from '../live/live-updates.js';
import { createPaidWriteThrough } from '../billing-index/paid-write-through.js';
import { createSubscriptionTickets, exceptTicketed } from './subscription-tickets.js';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GatewayOptions {
  logger?: Logger;
  /** Prefilled GraphiQL headers and example device (demo mode). */
  graphiql?: { headers?: Record<string, string>; exampleIotId?: string };
  /** Each request's `devices` and `billing` loaders (default: subgate's, `sharedLoaders`). */
  loaders?: LoaderFactory;
  /** Where shared vendor reads are kept (default: in process). */
  cacheStore?: CacheStore;
  /**
   * The gateway's clock (default Date.now): caches, breakers, the billing index, request deadlines
   * and the vendor clients' signing timestamps. Tests advance a manual one past a TTL or an open
   * breaker instead of sleeping, which a loaded machine makes flaky.
   */
  now?: () => number;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  /** Subscriptions on this replica (graphql-ws attaches to it; shutdown ends their streams). */
  live: LiveUpdates;
  /** Requests made for graphql-ws subscriptions (server/graphql-ws.ts): their transport is `ws`. */
  wsRequests: WeakSet<Request>;
  logger: Logger;
  metrics: Metrics;
  /** SIGTERM's first step: /readyz answers 503 so the load balancer stops sending requests. */
  beginShutdown(): void;
  close(): Promise<void>;
}

/** An event's execution is cut short by nobody: its reads end with it (or their deadline). */
const EVENT_SIGNAL = new AbortController().signal;

export function createGateway(config: Config, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (config.adminKeys.length === 0) {
    logger.warn('GATEWAY_ADMIN_KEYS is not set: admin access (X-Api-Key) is off');
  }
  if (config.production && config.trustedDocuments === 'allow') {
    logger.info(
      'GATEWAY_TRUSTED_DOCUMENTS=allow: users may send any document; consider "only" in production',
    );
  }
  const now = options.now ?? Date.now;
  const ops = createOps(config, logger, now);
  const ilopClient = createIlopClient(config.ilop, ops.ilop);
  const cacheStore = options.cacheStore ?? ops.createCacheStore();
  const bssClient = createBssClient(config.bss, ops.bss);
  // Other loaders record no shared-cache reads, which the response cache validates its entries
  // against, and only subgate's read the billing index (whose sweeps cost BSS calls): both are off
  // with them.
  const ownLoaders = options.loaders === undefined;
  const shared = ops.redis && ops.redisGuard ? { redis: ops.redis, guard: ops.redisGuard } : null;
  const indexOn = config.billingIndex.enabled && ownLoaders;
  const live = createLiveUpdates({
    config: config.subscriptions,
    ilop: ilopClient,
    redis: shared,
    registry: ops.metrics.registry,
    logger,
    // With the index on, a payment seen settling here puts its billing order in at once.
    onPaid: indexOn
      ? (order) => {
          if (paidWriteThrough && order.outOrderNo) void paidWriteThrough(order.outOrderNo);
        }
      : undefined,
    now,
  });
  const billingIndex = indexOn
    ? billingIndexFromConfig(config.billingIndex, {
        bss: bssClient,
        redis: shared,
        account: accountKey('bss', config.bss.accessKeyId),
        bssQps: config.ops.bssQps,
        onChange: (orders) => live.billingChanged(orders),
        metrics: ops.metrics,
        logger,
        now,
      })
    : null;
  billingIndex?.sweeper.start();
  const paidWriteThrough = billingIndex && createPaidWriteThrough(billingIndex, bssClient, logger);
  const vendors: Services = {
    ilop: ilopClient,
    bss: bssClient,
    billingIndex,
    bssLimit: createLimiter(config.ops.bssConcurrency),
    idempotency: ops.idempotency,
    streamingPlans: createStreamingPlansCache(ilopClient),
    cloudStoragePlans: createCloudStoragePlansCache(ilopClient, now),
    bindingPageSize: config.ilop.bindingPageSize,
    vendorCache: createVendorCache(cacheStore, config.vendorCacheTtlMs, {
      now,
      onRefreshFailure(err) {
        ops.metrics.cacheRefreshFailed('vendor');
        logger.debug({ err }, 'background refresh of a stale cache entry failed');
      },
    }),
    loaders: options.loaders ?? sharedLoaders,
    live,
    // Sealed with a key from configuration, so a ticket minted on one replica opens on any.
    tickets: createSubscriptionTickets({
      secret: config.subscriptions.ticketSecret ?? config.ilop.appSecret,
      ttlMs: config.subscriptions.ticketTtlMs,
      adminKeys: config.adminKeys,
      now,
    }),
  };
  const viewers = new WeakMap<Request, Viewer>();
  const wsRequests = new WeakSet<Request>();
  let ready = true;
  const observability = createObservability({
    metrics: ops.metrics,
    logger,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    serveMetrics: config.metrics.port === null,
  });

  const probes: Plugin = {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') endResponse(new fetchAPI.Response('ok'));
      else if (url.pathname === '/readyz') {
        // Redis down is no reason to take the replica out: reads still work (docs/operations.md "When Redis is down").
        const degraded = ops.redisGuard?.up === false;
        const body = !ready
          ? 'not ready'
          : degraded
            ? 'ready (degraded: Redis unavailable)'
            : 'ready';
        endResponse(new fetchAPI.Response(body, { status: ready ? 200 : 503 }));
      }
    },
  };

  const servedSchema = config.federation ? subgraphSchema() : schema;
  const yoga = createYoga<Record<string, never>, Context>({
    schema: servedSchema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => {
        const [err] = args;
        // A resolver cut short because its client left is not an error of ours.
        if (isClientAbort(err)) return logger.debug({ err }, 'cancelled: client went away');
        // Nor is the client's own mistake: one line, no stack; error level is for our faults.
        const routine = clientError(err);
        if (routine) return logger.info(routine, 'client error');
        logger.error({ err }, 'yoga error');
      },
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    graphiql: config.graphiql && {
      title: 'subgate',
      defaultQuery: exampleQuery(options.graphiql?.exampleIotId),
      headers: JSON.stringify(options.graphiql?.headers ?? { Authorization: 'Bearer <iotToken>' }),
    },
    // Loaded on the first GraphiQL page: the bundled GraphiQL is ~30 MB of heap (measured in BENCHMARKS.md).
    renderGraphiQL: async (opts) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts),
    batching: { limit: config.limits.maxBatch },
    // useBodyLimit refuses a body over GATEWAY_MAX_BODY_BYTES from its Content-Length, and one
    // without a length (chunked) outright; node:http reads no more than the declared length. yoga's
    // own limit would count the bytes again through a TransformStream and a second Request, which
    // an open subscription holds for as long as its stream (BENCHMARKS.md, Live updates).
    maxRequestBodySize: false,
    extraParamNames: [DOCUMENT_ID_PARAM],
    // Same-origin only unless origins are listed; credentials travel in headers, never cookies.
    cors:
      config.corsOrigins.length > 0
        ? {
            origin: config.corsOrigins,
            credentials: false,
            allowedHeaders: [
              'authorization',
              'x-api-key',
              'content-type',
              'x-graphql-yoga-csrf',
              'x-request-id',
            ],
            methods: ['GET', 'POST'],
            exposedHeaders: ['x-request-id'],
          }
        : false,
    plugins: [
      observability.plugin,
      probes,
      useBodyLimit(GRAPHQL_ENDPOINT, config.limits.maxBodyBytes, observability.requestId),
      useAuthentication(
        GRAPHQL_ENDPOINT,
        createViewerResolver(config.adminKeys),
        viewers,
        observability.requestId,
        vendors.tickets,
      ),
      // Every operation carries a credential header, which a browser cannot send cross-site
      // without a CORS preflight: that header is the CSRF proof (an EventSource's: its ticket).
      exceptTicketed(
        useCSRFPrevention({
          requestHeaders: ['authorization', 'x-api-key', 'x-graphql-yoga-csrf'],
        }),
        vendors.tickets,
      ),
      // A documentId becomes the manifest's document, which the limits below check like any other.
      useTrustedDocuments(config.trustedDocuments, viewers),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      ...useOperationLimits(config.limits, config.production),
      // Charges each request once parsed; before the response cache, so a hit is settled (free).
      useBudgets({
        config: config.budgets,
        store: ops.budgets,
        schema: servedSchema,
        maxCost: config.limits.maxCost,
        viewers,
        metrics: ops.metrics,
      }),
      // @defer/@stream: their validation rules; yoga's standard executor delivers them.
      useDeferStream(),
      useWholeResultUnlessAccepted(),
      useSubscriptionsNeedAStream(),
      useSubscriptionStreams(config.subscriptions.heartbeatMs),
      // Compiled execution where graphql-jit agrees with graphql-js (use-compiled-execution.ts).
      useCompiledExecution(),
      // A subscription's event executes once per group of alike subscribers, on its own context.
      useSharedSubscriptionResults<Context>({
        audience: (ctx) => ({ kind: ctx.viewer.kind, caller: ctx.viewer.cacheKey }),
        kindScopes: KIND_SCOPES,
        eventContext: ({ viewer, requestId, transport }) => {
          return () =>
            createContext(
              vendors,
              viewer,
              EVENT_SIGNAL,
              requestId,
              now() + config.ops.requestDeadlineMs,
              transport,
            );
        },
        release: releaseRequestState,
        onExecution: () => live.executed(),
      }),
      // After the JIT: it wraps whichever execute function is in place, to make its span active.
      useOperationSpans(observability.requestId),
      // Last: a hit ends the execute hooks (the others above have run by then).
      useResponseCache({
        cache: vendors.vendorCache,
        // Only over the shared vendor cache, whose entries it is validated against.
        maxEntries: ownLoaders && vendors.vendorCache.enabled ? config.responseCacheEntries : 0,
        ttlMs: config.vendorCacheTtlMs,
        now,
        onLookup: (hit) => ops.metrics.cacheLookup('response', hit),
      }),
    ],
    context: ({ request }) => {
      const viewer = viewers.get(request);
      // The auth plugin admits no operation without a viewer; this guards the invariant.
      if (!viewer) throw new Error('request reached execution without a viewer');
      const signal = followRequestSignal(request.signal);
      const deadline = now() + config.ops.requestDeadlineMs;
      const transport = wsRequests.has(request) ? 'ws' : 'sse';
      return createContext(
        vendors,
        viewer,
        signal,
        observability.requestId(request),
        deadline,
        transport,
      );
    },
  });

  return {
    yoga,
    live,
    wsRequests,
    logger,
    metrics: ops.metrics,
    beginShutdown() {
      ready = false;
      live.endAll(); // streams end with SHUTTING_DOWN, so their clients reconnect elsewhere
    },
    async close() {
      ready = false;
      await live.close();
      await billingIndex?.close(); // its sweep's calls end before the client closes
      await Promise.all([vendors.ilop.close(), vendors.bss.close(), vendors.idempotency.close()]);
      if (!options.cacheStore) await cacheStore.close(); // a store passed in is its owner's
      await ops.close(); // last: the stores above may still use Redis while closing
    },
  };
}
