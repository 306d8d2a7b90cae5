/**
 * One undici Pool per vendor origin: keep-alive, a connection cap, a per-attempt timeout joined
 * with the caller's signal, and every response body consumed.
 */
import { Pool, type Dispatcher } from 'undici';
import {
  VENDOR_BAD_RESPONSE,
  VENDOR_TIMEOUT,
  VENDOR_UNAVAILABLE,
  VendorError,
} from './vendor-error.js';
import type { Vendor } from './vendor-error.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query as sent, including the endpoint's base path. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined by ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface SendContext {
  api: string;
  /** Above zero: the pipeline (pipeline/deadline.ts) sends nothing once the deadline passed. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called once when the answer's status line arrives (the request reached the vendor). */
  onAnswer?: () => void;
}

export interface VendorHttp {
  /** `host[:port]` as the server sees it (port only when non-default): the signed `host`. */
  readonly host: string;
  /** The endpoint's path prefix without a trailing slash ("" for a bare origin). */
  readonly basePath: string;
  send(req: HttpRequest, ctx: SendContext): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface VendorHttpOptions {
  vendor: Vendor;
  endpoint: string;
  connections: number;
  /** Larger bodies are refused: no vendor answer here comes near it. */
  maxBodyBytes?: number;
}

export const DEFAULT_USER_AGENT = 'subgate/0.1';
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const url = new URL(options.endpoint);
  const pool = new Pool(url.origin, {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    // Our own timeout governs; these only back it up.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const vendor = options.vendor;
  let closed = false;

  /**
   * On undici's dispatch API rather than `request`: no body stream, async iterator or abort-signal
   * objects per call, which a 150-call fan-out paid for in CPU and garbage (BENCHMARKS.md, "My
   * devices"). One timer per call covers the queue for a connection and the whole exchange.
   */
  function send(req: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
    const fail = (
      code: string,
      message: string,
      cause: unknown,
      httpStatus: number | null = null,
    ) =>
      new VendorError({
        vendor,
        code,
        message,
        kind: 'transport',
        api: ctx.api,
        httpStatus,
        cause,
      });
    if (ctx.signal?.aborted) return Promise.reject(ctx.signal.reason);
    // A caller's signal is shared by every call of its request: each call listens on a follower
    // of it, so a fan-out adds no listener per call to the caller's own (Node warns past 10).
    const signal = ctx.signal && AbortSignal.any([ctx.signal]);
    return new Promise<HttpResponse>((resolve, reject) => {
      let status: number | null = null;
      let headers: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      // Until undici starts the request (it may wait for a connection) an abort is kept for it.
      let controller: Dispatcher.DispatchController | null = null;
      let pendingAbort: Error | null = null;
      const abort = (reason: Error) => {
        if (controller) controller.abort(reason);
        else pendingAbort = reason;
      };
      const settle = (err: unknown, value?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (value) resolve(value);
        else reject(err);
      };
      const timer = setTimeout(() => {
        const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
        settle(fail(VENDOR_TIMEOUT, `no answer within ${ctx.timeoutMs} ms`, cause, status));
        abort(cause);
      }, ctx.timeoutMs);
      // Caller abort wins over our timeout: the client went away, nobody wants a retry.
      const onAbort = () => {
        const reason = signal!.reason as unknown;
        settle(reason);
        abort(reason instanceof Error ? reason : new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pool.dispatch(
        { method: req.method, path: req.path, headers: req.headers, body: req.body ?? null },
        {
          onRequestStart(c) {
            controller = c;
            if (pendingAbort) c.abort(pendingAbort);
          },
          onResponseStart(_c, statusCode, responseHeaders) {
            if (statusCode < 200) return; // 1xx: the answer is still to come
            status = statusCode;
            ctx.onAnswer?.();
            headers = flattenHeaders(responseHeaders);
          },
          onResponseData(c, chunk) {
            size += chunk.length;
            if (size > maxBodyBytes) {
              const message = `response body over ${maxBodyBytes} bytes`;
              settle(fail(VENDOR_BAD_RESPONSE, message, null, status));
              c.abort(new Error(message)); // the socket is discarded with the rest of the body
              return;
            }
            chunks.push(chunk);
          },
          onResponseEnd() {
            const body = Buffer.concat(chunks).toString('utf8');
            settle(null, { status: status ?? 0, headers, body });
          },
          onResponseError(_c, err) {
            const detail = err instanceof Error ? err.message : String(err);
            settle(fail(VENDOR_UNAVAILABLE, `connection failed: ${detail}`, err, status));
          },
        },
      );
    });
  }

  return {
    host: url.host,
    basePath: url.pathname.replace(/\/+$/, ''),
    send,
    async close() {
      if (closed) return;
      closed = true;
      await pool.close();
    },
  };
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
