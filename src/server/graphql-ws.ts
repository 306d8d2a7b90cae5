/**
 * graphql-ws over a WebSocket on the same port and `/graphql` path (docs/subscriptions.md). Each
 * operation is handed to yoga as the POST an SSE client would send, with the connection's
 * credential: authentication, trusted documents, the operation and cost limits, the context and
 * the metrics are the HTTP path's own, not a second copy. The credential comes from the
 * `connection_init` payload (`authorization` or `x-api-key`; browsers cannot set WebSocket
 * headers), else the upgrade request's headers.
 */
import type { Server } from 'node:http';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { schema } from '../schema/index.js';
import { GRAPHQL_ENDPOINT, type Gateway } from './gateway.js';

const FORWARDED_HEADERS = ['authorization', 'x-api-key', 'x-request-id'] as const;

/**
 * graphql-ws executes what onSubscribe returns, picking subscribe or execute by its document's
 * operation: yoga runs the real document, so this stand-in only routes every operation to it.
 */
const ROUTE_TO_YOGA = parse('subscription { __typename }');

/** How long shutdown waits for ended subscriptions' last messages before closing sockets. */
const CLOSE_WAIT_MS = 2_000;

/** Close code for shutdown: "going away" (RFC 6455), so clients reconnect to another replica. */
export const GOING_AWAY = 1001;

export interface WebSocketHandle {
  /** Closes every socket (going away) and the server; their subscriptions were ended first. */
  close(): Promise<void>;
}

export function attachGraphqlWs(
  server: Server,
  gateway: Pick<Gateway, 'yoga' | 'wsRequests'>,
  keepAliveMs: number,
): WebSocketHandle {
  const wss = new WebSocketServer({ server, path: GRAPHQL_ENDPOINT });
  // Operations whose results are still being sent: shutdown lets their last message out first.
  let active = 0;
  let idle: (() => void) | null = null;
  /** One more operation in progress; the function it returns ends it (once). */
  const begin = () => {
    active++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--active === 0) idle?.();
    };
  };
  /** `results`, ending the operation when they end or the client leaves. */
  const tracked = (
    results: AsyncIterator<ExecutionResult>,
    end: () => void,
  ): AsyncIterableIterator<ExecutionResult> => {
    const it: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => it,
      async next() {
        const r = await results.next();
        if (r.done) end();
        return r;
      },
      async return() {
        end();
        return (await results.return?.()) ?? { value: undefined, done: true };
      },
    };
    return it;
  };

  useServer(
    {
      async onSubscribe(ctx, _id, payload) {
        // Counted from here: a subscription still starting (its vendor reads) at shutdown gets
        // its SHUTTING_DOWN result before the socket closes.
        const end = begin();
        try {
          return await relay(ctx, payload, end);
        } catch (err) {
          end();
          throw err;
        }
      },
      subscribe: (args) =>
        (args.contextValue as { results: AsyncIterable<ExecutionResult> }).results,
      execute: (args) => (args.contextValue as { results: AsyncIterable<ExecutionResult> }).results,
    },
    wss,
    keepAliveMs,
  );

  /** The operation as yoga answers its SSE request: an error list, or the results to send. */
  async function relay(
    ctx: Context<Record<string, unknown> | undefined, Extra>,
    payload: SubscribePayload,
    end: () => void,
  ) {
    const headers = new Headers({
      'content-type': 'application/json',
      accept: 'text/event-stream',
    });
    const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
    for (const name of FORWARDED_HEADERS) {
      const value = params[name] ?? ctx.extra.request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const request = new Request(`http://localhost${GRAPHQL_ENDPOINT}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
    });
    gateway.wsRequests.add(request);
    const response = await gateway.yoga.fetch(request);
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      // Refused before execution (401, a limit, validation): an `error` message.
      const body = (await response.json()) as ExecutionResult;
      if (!body.data && body.errors?.length) {
        end();
        return body.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
      }
      const results = tracked(once(body), end);
      return { schema, document: ROUTE_TO_YOGA, contextValue: { results } };
    }
    const results = tracked(sseResults(response), end);
    return { schema, document: ROUTE_TO_YOGA, contextValue: { results } };
  }
  return {
    async close() {
      if (active > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, CLOSE_WAIT_MS).unref();
        });
        await new Promise((resolve) => setImmediate(resolve)); // the `complete` after the last result
      }
      for (const socket of wss.clients) socket.close(GOING_AWAY, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function once(result: ExecutionResult): AsyncIterator<ExecutionResult> {
  let sent = false;
  return {
    next: async () =>
      sent
        ? { value: undefined, done: true }
        : ((sent = true), { value: sendable(result), done: false }),
  };
}

/** graphql-ws sends each error's toJSON(): yoga's, already JSON, are their own. */
function sendable(result: ExecutionResult): ExecutionResult {
  for (const e of result.errors ?? []) Object.assign(e, { toJSON: () => e });
  return result;
}

/**
 * The results of yoga's SSE answer (`event: next` / `event: complete`). Not a generator: a client
 * that leaves while a read is pending must cancel the body at once (a generator's return() would
 * wait for that read), which ends the subscription inside yoga.
 */
function sseResults(response: Response): AsyncIterator<ExecutionResult> {
  const body = response.body!;
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const ready: ExecutionResult[] = [];
  let buffer = '';
  let finished = false;
  const take = (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = '';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (event === 'complete') finished = true;
      else if (event === 'next' && data) ready.push(sendable(JSON.parse(data) as ExecutionResult));
    }
  };
  return {
    async next() {
      for (;;) {
        const value = ready.shift();
        if (value) return { value, done: false };
        if (finished) return { value: undefined, done: true };
        const chunk = await reader.read();
        if (chunk.done) finished = true;
        else take(chunk.value);
      }
    },
    async return() {
      finished = true;
      // The server adapter's body pipes into the decoder only as its next bytes come (a result
      // or a keep-alive, seconds away): cancelled itself, it ends the subscription now. A web
      // stream, locked by the pipe, refuses that; cancelling the reader then reaches it.
      await Promise.all([reader.cancel().catch(() => {}), body.cancel().catch(() => {})]);
      return { value: undefined, done: true };
    },
  };
}
