/**
 * The Living IoT request/response envelope (docs/vendors.md#envelope) and how a response turns
 * into either its `data` or a VendorError.
 */
import { z } from 'zod';
import { VENDOR_UNAVAILABLE, VendorError } from '../vendor-error.js';
import type { HttpResponse } from '../http.js';
import { badResponse, wireInt } from '../wire.js';

export interface EnvelopeInput {
  id: string;
  apiVer: string;
  iotToken?: string | undefined;
  params: Record<string, unknown>;
}

/** `request.iotToken` only when there is one: never "" or null (docs/vendors.md#living-iot). */
export function buildEnvelope(input: EnvelopeInput): string {
  const request: Record<string, string> = { apiVer: input.apiVer };
  if (input.iotToken) request['iotToken'] = input.iotToken;
  // Absent optional params are left out rather than sent as null.
  const params = Object.fromEntries(
    Object.entries(input.params).filter(([, v]) => v !== undefined && v !== null),
  );
  return JSON.stringify({ id: input.id, version: '1.0', request, params });
}

const responseEnvelope = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  code: wireInt,
  message: z.string().nullish(),
  localizedMsg: z.string().nullish(),
  data: z.unknown().optional(),
});

export interface ResponseContext {
  api: string;
  /** The envelope id we sent. */
  requestId: string;
}

/**
 * API-gateway rejections carry `X-Ca-Error-Message` on a non-200 (docs/vendors.md#endpoints): its text
 * becomes a stable code by its words before any detail, e.g. "Invalid Signature, Server
 * StringToSign:..." → "InvalidSignature", "Throttled by APP Flow Control" → "ThrottledByAPPFlowControl".
 */
export function gatewayErrorCode(message: string): string {
  const head = message.split(/[,:]/, 1)[0] ?? '';
  const code = head
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return code || 'GatewayRejected';
}

/** Returns the envelope's `data` on code 200; throws the VendorError the response stands for. */
export function unwrapIlopResponse(res: HttpResponse, ctx: ResponseContext): unknown {
  const gatewayRequestId = res.headers['x-ca-request-id'] ?? null;
  if (res.status !== 200) {
    const gatewayMessage = res.headers['x-ca-error-message'];
    if (gatewayMessage !== undefined) {
      throw new VendorError({
        vendor: 'ilop',
        code: gatewayErrorCode(gatewayMessage),
        message: gatewayMessage,
        kind: 'gateway',
        api: ctx.api,
        requestId: gatewayRequestId,
        httpStatus: res.status,
      });
    }
    // No gateway verdict: a proxy or load balancer in the way.
    throw new VendorError({
      vendor: 'ilop',
      code: res.status >= 500 ? VENDOR_UNAVAILABLE : `HTTP_${res.status}`,
      message: `HTTP ${res.status} without X-Ca-Error-Message`,
      kind: res.status >= 500 ? 'transport' : 'gateway',
      api: ctx.api,
      requestId: gatewayRequestId,
      httpStatus: res.status,
    });
  }
  const wireCtx = {
    vendor: 'ilop' as const,
    api: ctx.api,
    requestId: ctx.requestId,
    httpStatus: res.status,
  };
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch (err) {
    throw badResponse(wireCtx, 'response body is not JSON', err);
  }
  const parsed = responseEnvelope.safeParse(json);
  if (!parsed.success)
    throw badResponse(wireCtx, 'response is not a Living IoT envelope', parsed.error);
  const env = parsed.data;
  if (env.code !== 200) {
    throw new VendorError({
      vendor: 'ilop',
      code: String(env.code),
      message: env.message ?? `code ${env.code}`,
      localizedMessage: env.localizedMsg ?? null,
      kind: 'business',
      api: ctx.api,
      requestId: env.id == null ? ctx.requestId : String(env.id),
      httpStatus: res.status,
    });
  }
  return env.data ?? null;
}
