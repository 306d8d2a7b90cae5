/**
 * How a subscription's results are written over SSE (docs/subscriptions.md, Transports): the
 * graphql-sse protocol's distinct-connections mode as yoga writes it (a `:` comment first and as
 * a keep-alive every SUBSCRIPTIONS_HEARTBEAT_MS, `event: next` per result, `event: complete` at
 * the end), by one small Node Readable per stream and one keep-alive timer for all of them.
 * yoga's own SSE writer builds a web ReadableStream, its controller, a TextEncoder and a timer
 * per stream, which an open subscription holds for as long as it is open (BENCHMARKS.md, Live
 * updates). Everything before the first result (authentication, CSRF, trusted documents,
 * limits, validation, the subscribe resolver) is yoga's pipeline as for any request; a result
 * that is no stream (a refusal) is yoga's to write.
 */
import { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** As yoga: browsers that wait for a first byte before reporting the response get one. */
const COMMENT = ':\n\n';
const COMPLETE = 'event: complete\ndata:\n\n';

const HEADERS = {
  'Content-Type': 'text/event-stream',
  Connection: 'keep-alive',
  'Cache-Control': 'no-cache',
  'Content-Encoding': 'none',
};

/** The open streams of one gateway, and the one timer that keeps them alive. */
class KeepAlive {
  readonly #open = new Set<SubscriptionStream>();
  #timer: NodeJS.Timeout | null = null;
  constructor(readonly everyMs: number) {}

  add(stream: SubscriptionStream) {
    this.#open.add(stream);
    this.#timer ??= setInterval(() => {
      for (const s of this.#open) s.keepAlive();
    }, this.everyMs).unref();
  }

  delete(stream: SubscriptionStream) {
    this.#open.delete(stream);
    if (this.#open.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }
}

/**
 * A subscription's results as SSE bytes. Piped into a node:http response (the server adapter
 * pipes a Readable body), it writes to it itself: one result read at a time, the next once the
 * socket has taken the last, without the stream machinery of a pipe. Read as a Readable (yoga's
 * `fetch`, as graphql-ws does), it reads one result whenever its reader wants more.
 */
class SubscriptionStream extends Readable {
  #source: AsyncIterator<ExecutionResult> | null;
  #out: ServerResponse | null = null;
  /** A result is being read (one at a time). */
  #reading = false;
  /** The socket has not taken the last write yet: no keep-alive comment on top. */
  #draining = false;
  #started = false;
  readonly #alive: KeepAlive;

  constructor(source: AsyncIterator<ExecutionResult>, alive: KeepAlive) {
    super();
    this.#source = source;
    this.#alive = alive;
    alive.add(this);
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    if (!(dest instanceof ServerResponse) || this.#started) return super.pipe(dest, options);
    this.#started = true;
    this.#out = dest;
    this.#write(COMMENT);
    this.#pump();
    return dest;
  }

  /** Direct writing: the next result, written; again once the socket has taken it. */
  #pump() {
    const source = this.#source;
    const out = this.#out;
    if (!source || !out) return;
    this.#next(source, (frame, last) => {
      this.#write(frame);
      if (last) out.end();
      else if (!this.#draining) this.#pump();
      else out.once('drain', () => this.#pump());
    });
  }

  #write(text: string) {
    const out = this.#out!;
    this.#draining = !out.write(text);
    if (this.#draining) out.once('drain', () => (this.#draining = false));
  }

  override _read() {
    const source = this.#source;
    if (!source || this.#reading) return;
    if (!this.#started) {
      this.#started = true;
      this.push(COMMENT);
    }
    this.#next(source, (frame, last) => {
      this.push(frame);
      if (last) this.push(null);
    });
  }

  /** Reads the next result and hands over its frame (the last: `complete`). */
  #next(source: AsyncIterator<ExecutionResult>, write: (frame: string, last: boolean) => void) {
    this.#reading = true;
    source.next().then(
      (r) => {
        this.#reading = false;
        if (this.#source !== source) return;
        if (r.done) {
          this.#let();
          write(COMPLETE, true);
        } else {
          write(`event: next\ndata: ${serialized(r.value)}\n\n`, false);
        }
      },
      (err: unknown) => {
        this.#reading = false;
        this.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  /** The keep-alive comment, unless the reader is behind (its bytes are coming anyway). */
  keepAlive() {
    if (this.#out) {
      if (!this.#draining) this.#write(COMMENT);
    } else if (this.#started && this.readableLength === 0) {
      this.push(COMMENT);
    }
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void) {
    const source = this.#source;
    this.#let();
    // The client left (or the response failed): the subscription ends and frees its place.
    void Promise.resolve(source?.return?.()).catch(() => {});
    if (err) this.#out?.destroy(err);
    done(err);
  }

  #let() {
    this.#source = null;
    this.#alive.delete(this);
  }
}

/** The result's JSON as yoga sends it: its own `stringify` if it has one, no internal extensions. */
function serialized(result: ExecutionResult): string {
  const clean = withoutInternals(result);
  const own = (result as { stringify?: (value: unknown) => string }).stringify;
  return own ? own(clean) : JSON.stringify(clean);
}

function withoutInternals(result: ExecutionResult): ExecutionResult {
  const extensions = result.extensions as { http?: unknown } | undefined;
  if (!result.errors?.length && !extensions?.http) return result;
  const clean: ExecutionResult = { ...result };
  if (result.errors) clean.errors = result.errors.map(plainError) as GraphQLError[];
  if (extensions) {
    const { http: _http, ...rest } = extensions;
    clean.extensions = Object.keys(rest).length ? rest : undefined;
  }
  return clean;
}

/** An error as the client sees it: without yoga's `http` and `unexpected` extensions. */
function plainError(err: unknown): unknown {
  if (!(err instanceof GraphQLError)) return err;
  const json = err.toJSON();
  const {
    http: _http,
    unexpected: _unexpected,
    ...extensions
  } = (json.extensions ?? {}) as {
    http?: unknown;
    unexpected?: unknown;
  };
  return { ...json, extensions: Object.keys(extensions).length ? extensions : undefined };
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<ExecutionResult> =>
  typeof (v as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';

/**
 * Subscriptions asked for as `text/event-stream` are written by SubscriptionStream, with a
 * keep-alive comment every `keepAliveMs`.
 */
export function useSubscriptionStreams(keepAliveMs: number): Plugin<{ request?: Request }> {
  const subscriptions = new WeakSet<Request>();
  const alive = new KeepAlive(keepAliveMs);
  return {
    onSubscribe({ args }) {
      if (args.contextValue.request) subscriptions.add(args.contextValue.request);
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (!subscriptions.has(request) || !isAsyncIterable(result)) return;
      if (!(request.headers.get('accept') ?? '').includes('text/event-stream')) return;
      setResultProcessor((stream, fetchAPI) => {
        const source = (stream as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
        // The server adapter's Response takes a Node Readable as its body.
        const body = new SubscriptionStream(source, alive) as unknown as BodyInit;
        return new fetchAPI.Response(body, { status: 200, headers: HEADERS });
      }, 'text/event-stream');
    },
  };
}
