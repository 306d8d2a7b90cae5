/**
 * One undici Pool per vendor origin: keep-alive, a connection cap, a per-attempt timeout joined
 * with the caller's signal, and every response body consumed.
 */
import { Pool } from 'undici';
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

  async function send(req: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
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
    ctx.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(ctx.timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let status: number | null = null;
    try {
      const res = await pool.request({
        method: req.method,
        path: req.path,
        headers: req.headers,
        body: req.body,
        signal,
      });
      status = res.statusCode;
      const body = await readBody(res.body, maxBodyBytes);
      if (body === null) {
        throw fail(VENDOR_BAD_RESPONSE, `response body over ${maxBodyBytes} bytes`, null, status);
      }
      return { status, headers: flattenHeaders(res.headers), body };
    } catch (err) {
      if (err instanceof VendorError) throw err;
      // Caller abort wins over our timeout: the client went away, nobody wants a retry.
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      // (A foreign signal object may not report `aborted`; the combined one does.)
      if (signal.aborted && !timeout.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw fail(VENDOR_TIMEOUT, `no answer within ${ctx.timeoutMs} ms`, err, status);
      }
      const detail = err instanceof Error ? err.message : String(err);
      throw fail(VENDOR_UNAVAILABLE, `connection failed: ${detail}`, err, status);
    }
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

/** Reads the whole body (freeing the connection), or null past the limit (socket discarded). */
async function readBody(
  body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown },
  limit: number,
): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
