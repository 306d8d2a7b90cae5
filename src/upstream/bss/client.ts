/**
 * The BSS OpenAPI client: RPC style `POST /?<business params>` with an empty body, signed
 * ACS3-HMAC-SHA256 per attempt (docs/vendors.md#bss), undici Pool, read retries. Implements `BssApi`.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { BssConfig } from '../../config.js';
import { acsDate } from './acs-time.js';
import type { BssApi, CallOptions } from '../clients.js';
import { createVendorHttp, DEFAULT_USER_AGENT } from '../http.js';
import { createVendorPipeline, type PipelineOptions } from '../pipeline/vendor-pipeline.js';
import { decodeWire } from '../wire.js';
import { ordersMethods } from './orders.js';
import { unwrapBssResponse } from './response.js';
import { canonicalQueryString, sha256Hex, signAcs3 } from './signature.js';

export const BSS_API_VERSION = '2017-12-14';
const EMPTY_BODY_SHA256 = sha256Hex('');

export interface BssRequest<S extends z.ZodType, T> {
  action: string;
  /** Business parameters; undefined ones are left out. */
  params: Record<string, string | undefined>;
  /** Writes are sent once, never retried. */
  write: boolean;
  schema: S;
  map: (wire: z.output<S>) => T;
}

export type BssCall = <S extends z.ZodType, T>(
  req: BssRequest<S, T>,
  opts?: CallOptions,
) => Promise<T>;

/** Retries, call events, breakers, flow control: the pipeline's (pipeline/vendor-pipeline.ts). */
export interface BssClientOptions extends Partial<Omit<PipelineOptions, 'timeoutMs'>> {
  /** Clock for `x-acs-date` and deadlines (epoch ms). */
  now?: () => number;
  userAgent?: string;
}

export function createBssClient(
  config: BssConfig & { endpoint: string },
  options: BssClientOptions = {},
): BssApi {
  const now = options.now ?? Date.now;
  const http = createVendorHttp({
    vendor: 'bss',
    endpoint: config.endpoint,
    connections: config.connections,
  });
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const pipeline = createVendorPipeline({ ...options, now, timeoutMs: config.timeoutMs });
  const path = `${http.basePath}/`;

  const call: BssCall = (req, opts = {}) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.params)) if (v !== undefined) query[k] = v;
    // The canonical form is also what goes on the wire: one encoding, nothing to disagree on.
    const queryString = canonicalQueryString(query);
    const vendorCall = {
      vendor: 'bss' as const,
      api: req.action,
      write: req.write,
      signal: opts.signal,
      deadline: opts.deadline,
      priority: opts.priority,
      caller: opts.caller,
    };
    return pipeline(vendorCall, async (attempt) => {
      const headers: Record<string, string> = {
        host: http.host,
        'x-acs-action': req.action,
        'x-acs-version': BSS_API_VERSION,
        'x-acs-date': acsDate(now()),
        // Fresh per attempt: BSS refuses a replayed nonce (SignatureNonceUsed, docs/vendors.md#errors).
        'x-acs-signature-nonce': randomBytes(16).toString('hex'),
        'x-acs-content-sha256': EMPTY_BODY_SHA256,
      };
      const { authorization } = signAcs3({
        method: 'POST',
        path,
        query,
        headers,
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
      });
      const res = await http.send(
        {
          method: 'POST',
          path: queryString === '' ? path : `${path}?${queryString}`,
          headers: {
            ...headers,
            authorization,
            accept: 'application/json',
            'user-agent': userAgent,
          },
          body: '',
        },
        {
          api: req.action,
          timeoutMs: attempt.timeoutMs,
          signal: opts.signal,
          onAnswer: attempt.answered,
        },
      );
      attempt.status(res.status);
      const { data, requestId } = unwrapBssResponse(res, { action: req.action });
      return decodeWire(req.schema, data, req.map, {
        vendor: 'bss',
        api: req.action,
        requestId,
        httpStatus: res.status,
      });
    });
  };

  return {
    ...ordersMethods(call),
    close: () => http.close(),
  };
}
