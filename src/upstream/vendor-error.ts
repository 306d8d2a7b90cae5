export type Vendor = 'ilop' | 'bss';

/**
 * Where a vendor failure came from:
 * - `gateway`: the vendor's API gateway refused the request before the business service saw it
 *   (Living IoT `X-Ca-Error-Message`, BSS signature/throttling error bodies);
 * - `business`: the service answered with a failure code (Living IoT body `code`, BSS `Success: false`);
 * - `transport`: no usable answer (timeout, connection error, wrong-shaped body).
 */
export type VendorErrorKind = 'gateway' | 'business' | 'transport';

export interface VendorErrorInit {
  vendor: Vendor;
  /** Vendor code as a string: "2065", "460", "Throttling.User", or ours: VENDOR_TIMEOUT, VENDOR_BAD_RESPONSE, VENDOR_UNAVAILABLE. */
  code: string;
  message: string;
  localizedMessage?: string | null;
  requestId?: string | null;
  httpStatus?: number | null;
  kind: VendorErrorKind;
  /** The API path or BSS Action, for logs and metrics. */
  api: string;
  /** Milliseconds the vendor asked us to wait (x-acs-retry-after), when it said. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class VendorError extends Error {
  readonly vendor: Vendor;
  readonly code: string;
  readonly localizedMessage: string | null;
  readonly requestId: string | null;
  readonly httpStatus: number | null;
  readonly kind: VendorErrorKind;
  readonly api: string;
  readonly retryAfterMs: number | null;

  constructor(init: VendorErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'VendorError';
    this.vendor = init.vendor;
    this.code = init.code;
    this.localizedMessage = init.localizedMessage ?? null;
    this.requestId = init.requestId ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.kind = init.kind;
    this.api = init.api;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** Our own codes, for failures that carry no vendor code (kind `transport`). */
export const VENDOR_TIMEOUT = 'VENDOR_TIMEOUT';
export const VENDOR_UNAVAILABLE = 'VENDOR_UNAVAILABLE';
export const VENDOR_BAD_RESPONSE = 'VENDOR_BAD_RESPONSE';
