/**
 * The Living IoT client: envelope, API-gateway signing per attempt, undici Pool, read retries.
 * Implements `IlopApi` (src/upstream/clients.ts) from the per-resource method sets.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { IlopConfig } from '../../config.js';
import { observeAttempt, type OnCall } from '../call-event.js';
import type { CallOptions, IlopApi, IlopCallOptions } from '../clients.js';
import { attemptTimeoutMs, createVendorHttp, DEFAULT_USER_AGENT } from '../http.js';
import { inSpan } from '../../ops/tracing.js';
import type { Breakers } from '../breaker.js';
import { inSlot, UNLIMITED, type FlowControl } from '../flow-control.js';
import { READ_RETRY_POLICY, withRetries, type RetryPolicy } from '../retry.js';
import { decodeWire } from '../wire.js';
import { cloudStorageMethods } from './cloud-storage.js';
import { buildEnvelope, isRetryableIlopError, unwrapIlopResponse } from './envelope.js';
import { signIlop } from './signature.js';
import { streamingMethods } from './streaming.js';

export interface IlopRequest<S extends z.ZodType, T> {
  path: string;
  apiVer: string;
  /** Writes (bind, create) are sent once, never retried (docs/vendors.md#living-iot). */
  write: boolean;
  params: Record<string, unknown>;
  schema: S;
  map: (wire: z.output<S>) => T;
}

export type IlopCall = <S extends z.ZodType, T>(
  req: IlopRequest<S, T>,
  opts?: IlopCallOptions,
) => Promise<T>;

export interface IlopClientOptions {
  /** Clock for `x-ca-timestamp` and deadlines (epoch ms). */
  now?: () => number;
  onCall?: OnCall;
  userAgent?: string;
  retryPolicy?: RetryPolicy;
  /** Fails fast while this API is down (breaker.ts); none: every call is sent. */
  breakers?: Breakers;
  /** Keeps the account under the vendor's QPS by queueing (flow-control.ts). */
  flow?: FlowControl;
  /** Jitter source, for tests. */
  random?: () => number;
}

export function createIlopClient(
  config: IlopConfig & { endpoint: string },
  options: IlopClientOptions = {},
): IlopApi {
  const now = options.now ?? Date.now;
  const http = createVendorHttp({
    vendor: 'ilop',
    endpoint: config.endpoint,
    connections: config.connections,
  });
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const flow = options.flow ?? UNLIMITED;
  // Per attempt: span → breaker (fail fast) → flow control (queue) → the HTTP exchange.
  const guarded = <T>(api: string, n: number, opts: CallOptions, fn: () => Promise<T>) =>
    inSpan(
      `ilop ${api}`,
      { 'subgate.vendor': 'ilop', 'subgate.vendor_api': api, 'subgate.attempt': n },
      () => {
        const run = () => inSlot(flow, api, { signal: opts.signal, deadline: opts.deadline }, fn);
        return options.breakers ? options.breakers.guard(api, run) : run();
      },
    );

  const call: IlopCall = (req, opts = {}) => {
    const id = opts.requestId ?? randomUUID();
    const body = buildEnvelope({
      id,
      apiVer: req.apiVer,
      iotToken: opts.iotToken,
      params: req.params,
    });
    const pathAndQuery = http.basePath + req.path;
    const attempt = (n: number) =>
      observeAttempt(options.onCall, { vendor: 'ilop', api: req.path, attempt: n }, (probe) =>
        guarded(req.path, n, opts, async () => {
          // A fresh nonce and timestamp per attempt: the gateway refuses replays (docs/vendors.md#living-iot).
          const signed = signIlop({
            appKey: config.appKey,
            appSecret: config.appSecret,
            stage: config.stage,
            method: 'POST',
            pathAndQuery,
            body,
            timestamp: now(),
            nonce: randomUUID(),
          });
          const res = await http.send(
            {
              method: 'POST',
              path: pathAndQuery,
              headers: { ...signed.headers, host: http.host, 'user-agent': userAgent },
              body,
            },
            {
              api: req.path,
              timeoutMs: attemptTimeoutMs(config.timeoutMs, opts.deadline, now()),
              signal: opts.signal,
            },
          );
          probe.status(res.status);
          const data = unwrapIlopResponse(res, { api: req.path, requestId: id });
          return decodeWire(req.schema, data, req.map, {
            vendor: 'ilop',
            api: req.path,
            requestId: id,
            httpStatus: res.status,
          });
        }),
      );
    return withRetries(attempt, {
      idempotent: !req.write,
      isRetryable: isRetryableIlopError,
      policy: options.retryPolicy ?? READ_RETRY_POLICY,
      now,
      signal: opts.signal,
      deadline: opts.deadline,
      random: options.random,
    });
  };

  return {
    ...cloudStorageMethods(call),
    ...streamingMethods(call, config),
    close: () => http.close(),
  };
}
