/**
 * createGateway(config) → { yoga, close }: the whole HTTP surface, with no port bound and no
 * environment read (design §8), so tests build it from a literal config.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useAuthentication } from './auth-plugin.js';
import type { Config } from './config.js';
import { createContext, type Context, type Services } from './context.js';
import { maskError } from './errors.js';
import { createMemoryIdempotencyStore } from './idempotency/memory-store.js';
import { createLimiter } from './loaders/concurrency.js';
import { createStreamingPlansCache } from './loaders/streaming-plans.js';
import { createLogger, type Logger } from './logger.js';
import { schema } from './schema/index.js';
import { createBssClient } from './vendor/bss/client.js';
import { createIlopClient } from './vendor/ilop/client.js';
import { createViewerResolver, type Viewer } from './viewer.js';
import { exampleQuery } from './graphiql-example.js';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GatewayOptions {
  logger?: Logger;
  /** Prefilled GraphiQL headers and example device (demo mode). */
  graphiql?: { headers?: Record<string, string>; exampleIotId?: string };
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  logger: Logger;
  close(): Promise<void>;
}

/** BSS calls in flight per process (BSS allows about 10 requests per second per account). */
const BSS_CONCURRENCY = 8;

export function createGateway(config: Config, options: GatewayOptions = {}): Gateway {
  const { ilop, bss } = config;
  if (!ilop.endpoint || !bss.endpoint) {
    throw new Error(
      'createGateway needs ILOP and BSS endpoints (main.ts starts the emulator in demo mode)',
    );
  }
  const logger = options.logger ?? createLogger(config.logLevel);
  const ilopClient = createIlopClient({ ...ilop, endpoint: ilop.endpoint });
  const vendors: Services = {
    ilop: ilopClient,
    bss: createBssClient({ ...bss, endpoint: bss.endpoint }),
    bssLimit: createLimiter(BSS_CONCURRENCY),
    idempotency: createMemoryIdempotencyStore(),
    streamingPlans: createStreamingPlansCache(ilopClient),
  };
  const viewers = new WeakMap<Request, Viewer>();
  let ready = true;

  const probes: Plugin = {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') endResponse(new fetchAPI.Response('ok'));
      else if (url.pathname === '/readyz') {
        endResponse(
          new fetchAPI.Response(ready ? 'ready' : 'not ready', { status: ready ? 200 : 503 }),
        );
      }
    },
  };

  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error({ err: args[0] }, 'yoga error'),
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    graphiql: {
      title: 'subgate',
      defaultQuery: exampleQuery(options.graphiql?.exampleIotId),
      headers: JSON.stringify(options.graphiql?.headers ?? { Authorization: 'Bearer <iotToken>' }),
    },
    renderGraphiQL,
    plugins: [
      probes,
      useAuthentication(GRAPHQL_ENDPOINT, createViewerResolver(config.adminKeys), viewers),
    ],
    context: ({ request }) => {
      const viewer = viewers.get(request);
      // The auth plugin admits no operation without a viewer; this guards the invariant.
      if (!viewer) throw new Error('request reached execution without a viewer');
      return createContext(vendors, viewer, request.signal);
    },
  });

  return {
    yoga,
    logger,
    async close() {
      ready = false;
      await Promise.all([vendors.ilop.close(), vendors.bss.close(), vendors.idempotency.close()]);
    },
  };
}
