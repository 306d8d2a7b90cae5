/**
 * BSS responses (docs/vendors.md#errors): a 4xx/5xx error body, or a 200 whose `Success` must be
 * true (a 200 with `Success: false` is an error too).
 */
import { z } from 'zod';
import { VENDOR_UNAVAILABLE, VendorError } from '../vendor-error.js';
import { bssErrorKind } from './error-codes.js';
import type { HttpResponse } from '../http.js';
import { badResponse } from '../wire.js';

const errorBody = z.object({
  RequestId: z.string().nullish(),
  HostId: z.string().nullish(),
  Code: z.string().min(1),
  Message: z.string().nullish(),
  Recommend: z.string().nullish(),
});

const successFrame = z.object({
  RequestId: z.string().nullish(),
  Success: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]),
  Code: z.string().nullish(),
  Message: z.string().nullish(),
  Data: z.unknown().optional(),
});

export interface BssResponseContext {
  action: string;
}

export interface BssSuccess {
  data: unknown;
  requestId: string | null;
}

/** `Data` of a successful answer; otherwise throws the VendorError the answer stands for. */
export function unwrapBssResponse(res: HttpResponse, ctx: BssResponseContext): BssSuccess {
  const retryAfterMs = parseRetryAfter(res.headers['x-acs-retry-after']);
  const wireCtx = { vendor: 'bss' as const, api: ctx.action, httpStatus: res.status };
  let json: unknown = undefined;
  try {
    json = JSON.parse(res.body);
  } catch {
    // Judged below with the status.
  }
  const vendorError = (body: z.output<typeof errorBody>) =>
    new VendorError({
      vendor: 'bss',
      code: body.Code,
      message: body.Message ?? body.Code,
      kind: bssErrorKind(body.Code),
      api: ctx.action,
      requestId: body.RequestId ?? null,
      httpStatus: res.status,
      retryAfterMs,
    });

  if (res.status !== 200) {
    const parsed = errorBody.safeParse(json);
    if (parsed.success) throw vendorError(parsed.data);
    if (res.status >= 500) {
      throw new VendorError({
        vendor: 'bss',
        code: VENDOR_UNAVAILABLE,
        message: `HTTP ${res.status} without a BSS error body`,
        kind: 'transport',
        api: ctx.action,
        httpStatus: res.status,
        retryAfterMs,
      });
    }
    throw badResponse(wireCtx, `HTTP ${res.status} without a BSS error body`);
  }
  if (json === undefined) throw badResponse(wireCtx, 'response body is not JSON');
  const frame = successFrame.safeParse(json);
  if (!frame.success) throw badResponse(wireCtx, 'response lacks Success', frame.error);
  const requestId = frame.data.RequestId ?? null;
  if (!frame.data.Success) {
    throw vendorError({
      Code: frame.data.Code || 'Unsuccessful',
      Message: frame.data.Message ?? 'Success: false',
      RequestId: requestId,
    });
  }
  return { data: frame.data.Data, requestId };
}

/**
 * `x-acs-retry-after` in milliseconds, as the official SDK reads it (@alicloud/openapi-core
 * getThrottlingTimeLeft feeds Darabonba's retry delay in ms); dates and junk are ignored.
 */
export function parseRetryAfter(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : null;
}
