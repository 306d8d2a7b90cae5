/**
 * Subscribers as frontends make them: the graphql-sse client (distinct connections mode, yoga's
 * built-in SSE), the graphql-ws client over a real WebSocket, and a WHATWG EventSource (undici's,
 * which like a browser's sends no credential header) with a subscription ticket. Each collects
 * what arrives and lets a test wait for the next result or for the stream's end.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { EventSource } from 'undici';
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

/** The GET URL of yoga's SSE protocol for `query`, opened by the ticket (docs/subscriptions.md). */
export function ticketUrl(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  ticket: string,
): string {
  const u = new URL(url);
  u.searchParams.set('query', query);
  u.searchParams.set('variables', JSON.stringify(variables));
  u.searchParams.set('ticket', ticket);
  return u.href;
}

/**
 * `new EventSource(url)`: yoga's `next` events collected; `complete` (or a refusal, which an
 * EventSource sees only as an error that closes it) ends the stream. Closed on `complete`, or the
 * EventSource would reconnect.
 */
export function eventSourceSubscribe(url: string): Stream & { opened: Promise<void> } {
  const c = collector();
  const source = new EventSource(url);
  const opened = new Promise<void>((resolve) => source.addEventListener('open', () => resolve()));
  source.addEventListener('next', (e) => c.push(JSON.parse((e as MessageEvent<string>).data)));
  source.addEventListener('complete', () => {
    source.close();
    c.end({});
  });
  source.addEventListener('error', (error) => {
    if (source.readyState !== EventSource.CLOSED) return; // reconnecting by itself
    c.end({ error });
  });
  return { results: c.results, next: c.next, ended: c.ended, opened, close: () => source.close() };
}
