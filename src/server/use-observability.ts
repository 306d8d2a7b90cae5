/**
 * Per request: a request id (a sane incoming `x-request-id` UUID, else a fresh one) that is logged,
 * sent to the vendors (Living IoT envelope `id`), returned in the result's `extensions.requestId`
 * and the `x-request-id` header; one metrics observation and one log line per GraphQL request;
 * and `GET /metrics` in Prometheus text unless METRICS_PORT gives it a listener of its own
 * (metrics-server.ts).
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What we log of an id that is not a UUID (vendors expect UUIDs, so it is not forwarded). */
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestState {
  id: string;
  clientId?: string;
  started: number;
  operation?: string;
  outcome?: string;
  /** The context's abort signal: aborted when the client went away. */
  signal?: AbortSignal;
}

/** The outcome of a request whose client disconnected before its answer (nginx's 499). */
export const CLIENT_CLOSED_REQUEST = 'CLIENT_CLOSED_REQUEST';

export interface Observability {
  plugin: Plugin;
  requestId(request: Request): string | undefined;
}

export function createObservability(options: {
  metrics: Metrics;
  logger: Logger;
  graphqlEndpoint: string;
  /** Answer `GET /metrics` here (false: the path is unknown on this listener, 404). */
  serveMetrics: boolean;
}): Observability {
  const { metrics, logger } = options;
  const states = new WeakMap<Request, RequestState>();

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (options.serveMetrics && url.pathname === '/metrics' && request.method === 'GET') {
        const body = await metrics.registry.metrics();
        endResponse(
          new fetchAPI.Response(body, {
            headers: { 'content-type': metrics.registry.contentType },
          }),
        );
        return;
      }
      if (url.pathname !== options.graphqlEndpoint) return;
      const incoming = request.headers.get('x-request-id')?.trim();
      const state: RequestState = {
        id: incoming && UUID.test(incoming) ? incoming.toLowerCase() : randomUUID(),
        started: performance.now(),
      };
      if (incoming && !UUID.test(incoming) && SANE.test(incoming)) state.clientId = incoming;
      states.set(request, state);
    },
    onExecute({ args }) {
      const ctx = args.contextValue as { request?: Request; signal?: AbortSignal };
      const state = ctx.request && states.get(ctx.request);
      if (state) {
        state.operation =
          args.operationName ?? getOperationAST(args.document)?.name?.value ?? 'anonymous';
        state.signal = ctx.signal;
      }
    },
    onResultProcess({ request, result, setResult }) {
      const state = states.get(request);
      if (!state) return;
      const withId = (r: unknown) => {
        if (!r || typeof r !== 'object' || Symbol.asyncIterator in r) return r;
        const res = r as {
          errors?: readonly { extensions?: Record<string, unknown> }[];
          extensions?: object;
        };
        // A client that left is not a failure of ours, whatever its cancelled calls raised.
        state.outcome ??= state.signal?.aborted ? CLIENT_CLOSED_REQUEST : outcomeOf(res.errors);
        return { ...res, extensions: { ...res.extensions, requestId: state.id } };
      };
      setResult((Array.isArray(result) ? result.map(withId) : withId(result)) as typeof result);
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      response.headers.set('x-request-id', state.id);
      const outcome = state.outcome ?? (response.status < 400 ? 'ok' : `HTTP_${response.status}`);
      const seconds = (performance.now() - state.started) / 1000;
      metrics.observeRequest(state.operation ?? 'none', outcome, seconds);
      logger.info(
        {
          requestId: state.id,
          ...(state.clientId ? { clientRequestId: state.clientId } : {}),
          operation: state.operation ?? null,
          outcome,
          status: response.status,
          durationMs: Math.round(seconds * 1000),
        },
        'graphql request',
      );
    },
  };
  return { plugin, requestId: (request) => states.get(request)?.id };
}

function outcomeOf(
  errors: readonly { extensions?: Record<string, unknown> }[] | undefined,
): string {
  if (!errors || errors.length === 0) return 'ok';
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : 'GRAPHQL_ERROR';
}
