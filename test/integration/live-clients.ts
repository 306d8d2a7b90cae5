/**
 * Subscribers as frontends make them: the graphql-sse client (distinct connections mode, yoga's
 * built-in SSE) and the graphql-ws client over a real WebSocket. Each collects what arrives and
 * lets a test wait for the next result or for the stream's end.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { authHeaders, type As } from '../harness.js';

export interface LiveResult {
  data?: any;
  errors?: { message: string; extensions?: any }[];
}

export interface Stream {
  results: LiveResult[];
  /** The result after the ones already taken, waiting up to `ms`. */
  next(ms?: number): Promise<LiveResult>;
  /** Resolves when the server completes the stream (or an error ends it): how. */
  ended: Promise<{ error?: unknown }>;
  close(): void;
}

function collector() {
  const results: LiveResult[] = [];
  let taken = 0;
  let wake: (() => void) | null = null;
  let endWith!: (how: { error?: unknown }) => void;
  const ended = new Promise<{ error?: unknown }>((resolve) => (endWith = resolve));
  return {
    results,
    ended,
    push(r: LiveResult) {
      results.push(r);
      wake?.();
    },
    end(how: { error?: unknown }) {
      endWith(how);
      wake?.();
    },
    async next(ms = 10_000): Promise<LiveResult> {
      const deadline = Date.now() + ms;
      while (taken >= results.length) {
        if (Date.now() > deadline) throw new Error(`no result within ${ms} ms (${taken} so far)`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return results[taken++]!;
    },
  };
}

interface SubscribingClient {
  subscribe(
    payload: { query: string; variables: Record<string, unknown> },
    sink: { next(r: unknown): void; error(e: unknown): void; complete(): void },
  ): () => void;
}

/** One subscription of `client`, collected; `dispose` closes the client after it. */
function collect(
  client: SubscribingClient,
  query: string,
  variables: Record<string, unknown>,
  dispose: () => void,
): Stream {
  const c = collector();
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (r) => c.push(r as LiveResult),
      error: (error) => c.end({ error }),
      complete: () => c.end({}),
    },
  );
  return {
    results: c.results,
    next: c.next,
    ended: c.ended,
    close() {
      unsubscribe();
      dispose();
    },
  };
}

export function sseSubscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  as: As = 'admin',
): Stream {
  const client = createSseClient({
    url,
    singleConnection: false,
    headers: authHeaders(as),
    retryAttempts: 0,
  });
  return collect(client, query, variables, () => client.dispose());
}

export function wsSubscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  as: As = 'admin',
): Stream & { socketClosed: Promise<{ code: number; reason: string }> } {
  let closed!: (e: { code: number; reason: string }) => void;
  const socketClosed = new Promise<{ code: number; reason: string }>((r) => (closed = r));
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authHeaders(as),
    retryAttempts: 0,
    lazy: true,
    on: { closed: (e) => closed(e as { code: number; reason: string }) },
  });
  return { ...collect(client, query, variables, () => void client.dispose()), socketClosed };
}
