/**
 * The Living IoT client: envelope, API-gateway signing per attempt, undici Pool, read retries.
 * Implements `IlopApi` (src/upstream/clients.ts) from the per-resource method sets.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { IlopConfig } from '../../config.js';
import type { IlopApi, IlopCallOptions } from '../clients.js';
import { createVendorHttp, DEFAULT_USER_AGENT } from '../http.js';
import { createVendorPipeline, type PipelineOptions } from '../pipeline/vendor-pipeline.js';
import { decodeWire } from '../wire.js';
import { bindingMethods } from './bindings.js';
import { cloudStorageCommerceMethods } from './cloud-storage-commerce.js';
import { cloudStorageMethods } from './cloud-storage.js';
import { buildEnvelope, unwrapIlopResponse } from './envelope.js';
import { signIlop } from './signature.js';
import { freeCloudStorageMethods } from './free-cloud-storage.js';
import { streamingMethods } from './streaming.js';

export interface IlopRequest<S extends z.ZodType, T> {
  path: string;
  apiVer: string;
  /** Writes (bind, create) are sent once, never retried (docs/vendors.md#living-iot). */
  write: boolean;
  params: Record<string, unknown>;
  /**
   * The APIs with a 10 s server timeout (buy, pay): their own client timeout, and a request
   * deadline moved out to cover it, since cutting a write short only makes its outcome unknown.
   */
  long?: true;
  schema: S;
  map: (wire: z.output<S>) => T;
}

export type IlopCall = <S extends z.ZodType, T>(
  req: IlopRequest<S, T>,
  opts?: IlopCallOptions,
) => Promise<T>;

/** Retries, call events, breakers, flow control: the pipeline's (pipeline/vendor-pipeline.ts). */
export interface IlopClientOptions extends Partial<Omit<PipelineOptions, 'timeoutMs'>> {
  /** Clock for `x-ca-timestamp` and deadlines (epoch ms). */
  now?: () => number;
  userAgent?: string;
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
  const pipeline = createVendorPipeline({ ...options, now, timeoutMs: config.timeoutMs });

  const call: IlopCall = (req, opts = {}) => {
    const id = opts.requestId ?? randomUUID();
    const body = buildEnvelope({
      id,
      apiVer: req.apiVer,
      iotToken: opts.iotToken,
      params: req.params,
    });
    const pathAndQuery = http.basePath + req.path;
    const vendorCall = {
      vendor: 'ilop' as const,
      api: req.path,
      write: req.write,
      signal: opts.signal,
      deadline:
        req.long && opts.deadline !== undefined
          ? Math.max(opts.deadline, now() + config.longTimeoutMs)
          : opts.deadline,
      ...(req.long ? { timeoutMs: config.longTimeoutMs } : {}),
      priority: opts.priority,
      caller: opts.caller,
    };
    return pipeline(vendorCall, async (attempt) => {
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
          timeoutMs: attempt.timeoutMs,
          signal: opts.signal,
          onAnswer: attempt.answered,
        },
      );
      attempt.status(res.status);
      const data = unwrapIlopResponse(res, { api: req.path, requestId: id });
      return decodeWire(req.schema, data, req.map, {
        vendor: 'ilop',
        api: req.path,
        requestId: id,
        httpStatus: res.status,
      });
    });
  };

  return {
    ...bindingMethods(call, config),
    ...cloudStorageMethods(call),
    ...cloudStorageCommerceMethods(call),
    ...freeCloudStorageMethods(call, config),
    ...streamingMethods(call, config),
    close: () => http.close(),
  };
}
