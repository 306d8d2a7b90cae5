import { processRegularResult, type Plugin } from 'graphql-yoga';
import { ErrorCode, GatewayError } from './client-errors.js';

/**
 * A subscription asked for as a plain JSON request (no `Accept: text/event-stream`): yoga would
 * answer 406 with an empty body. The stream it started is ended (its place freed) and the client
 * gets a coded error saying how subscriptions are delivered.
 */
export function useSubscriptionsNeedAStream(): Plugin<{ request?: Request }> {
  // Incremental (@defer) results are async iterables too: only a subscription's are caught here.
  const subscriptions = new WeakSet<Request>();
  return {
    onSubscribe({ args }) {
      if (args.contextValue.request) subscriptions.add(args.contextValue.request);
    },
    onResultProcess({ request, result, setResult, setResultProcessor }) {
      if (!subscriptions.has(request) || !isAsyncIterable(result)) return;
      if ((request.headers.get('accept') ?? '').includes('text/event-stream')) return;
      void result[Symbol.asyncIterator]().return?.();
      setResult({
        errors: [
          new GatewayError(
            ErrorCode.BAD_REQUEST,
            'A subscription is delivered over SSE (send "Accept: text/event-stream") or graphql-ws on this path.',
            { http: { status: 406 } },
          ),
        ],
      });
      setResultProcessor(processRegularResult, 'application/json');
    },
  };
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof (v as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
