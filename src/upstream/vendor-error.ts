import { bssCodeRow } from './bss/error-codes.js';
import { CATEGORY_FACTS, type CategoryFacts, type VendorErrorCategory } from './error-category.js';
import { ILOP_BUSINESS_CODES, ILOP_GATEWAY_CODES } from './ilop/error-codes.js';
import { QUEUE_TIMEOUT_CODE } from './flow-control.js';

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
  /** What it means; by default looked up from the vendor's code table (`classifyVendorError`). */
  category?: VendorErrorCategory;
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
  readonly category: VendorErrorCategory;

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
    this.category = init.category ?? classifyVendorError(init);
  }

  /** Retry, breaker and write facts of its category (error-category.ts). */
  get facts(): CategoryFacts {
    return CATEGORY_FACTS[this.category];
  }

  /** A write that met it may have been carried out: it was sent and no verdict came back. */
  get outcomeUnknown(): boolean {
    return this.kind === 'transport' && this.facts.sent;
  }
}

/** Our own codes, for failures that carry no vendor code (kind `transport`). */
export const VENDOR_TIMEOUT = 'VENDOR_TIMEOUT';
export const VENDOR_UNAVAILABLE = 'VENDOR_UNAVAILABLE';
export const VENDOR_BAD_RESPONSE = 'VENDOR_BAD_RESPONSE';

const OWN_CODES: Readonly<Record<string, VendorErrorCategory>> = {
  [VENDOR_TIMEOUT]: 'timeout',
  [VENDOR_BAD_RESPONSE]: 'bad-response',
};

type Classified = Pick<VendorErrorInit, 'vendor' | 'code' | 'kind' | 'httpStatus'>;

const vendorTable = (e: Classified): VendorErrorCategory | undefined => {
  if (e.vendor === 'bss') return bssCodeRow(e.code)?.category;
  const table = e.kind === 'gateway' ? ILOP_GATEWAY_CODES : ILOP_BUSINESS_CODES;
  return Object.hasOwn(table, e.code) ? table[e.code] : undefined;
};

/**
 * Our own codes, then the vendor's table; a code neither knows is judged by the HTTP status the
 * way docs/vendors.md#limits-and-retries treats statuses (429 throttled, 503/504 passing
 * outages, other 5xx from below the service failures), else it is a refusal.
 */
export function classifyVendorError(e: Classified): VendorErrorCategory {
  // flow-control.ts's code for a call that found no slot in time (read here, not in OWN_CODES:
  // flow-control.ts imports this module).
  if (e.code === QUEUE_TIMEOUT_CODE) return 'held-back';
  if (Object.hasOwn(OWN_CODES, e.code)) return OWN_CODES[e.code]!;
  const status = e.httpStatus ?? 0;
  const passing = status === 503 || status === 504;
  // No usable answer: the status, when one came, tells a passing outage from a failure.
  if (e.code === VENDOR_UNAVAILABLE) return passing ? 'unavailable' : 'failed';
  const known = vendorTable(e);
  if (known) return known;
  if (status === 429) return 'throttled';
  if (passing) return 'unavailable';
  if (status >= 500 && e.kind !== 'business') return 'failed';
  return 'rejected';
}
