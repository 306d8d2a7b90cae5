/**
 * What a vendor failure means, decided once where the VendorError is made (vendor-error.ts, from
 * each vendor's code table: ilop/error-codes.ts, bss/error-codes.ts). Every consumer (client error
 * codes, read retries, the circuit breaker, writes) switches on the category or its facts below and
 * never reads vendor codes or messages itself.
 */
export type VendorErrorCategory =
  /** The end user's token is expired or unknown. */
  | 'unauthenticated'
  /** The user is not bound to the device. */
  | 'not-bound'
  /** The user is bound to the device but is not its admin. */
  | 'not-admin'
  /** This application may not use the API or resource. */
  | 'app-forbidden'
  /** A parameter breaks one of the vendor's documented rules. */
  | 'invalid-parameter'
  /** Any other refusal: signing, credentials, a malformed request, a code we do not know. */
  | 'rejected'
  /** The vendor's flow control: back off. */
  | 'throttled'
  /** Our own flow control found no slot in time. */
  | 'held-back'
  /** The API's circuit breaker is open. */
  | 'circuit-open'
  /** The request's deadline passed before the call was sent. */
  | 'deadline'
  /** No answer within the attempt's time. */
  | 'timeout'
  /** The vendor's backend timed out behind its gateway (and said so). */
  | 'backend-timeout'
  /** The service is temporarily unavailable (503, 504). */
  | 'unavailable'
  /** The service failed (500) or could not be reached. */
  | 'failed'
  /** An answer we could not read. */
  | 'bad-response';

export interface CategoryFacts {
  /** A read that meets it is tried again (docs/vendors.md#limits-and-retries). */
  retryRead: boolean;
  /** What it says about the vendor's health, for the circuit breaker: down, up, or nothing. */
  health: 'down' | 'up' | 'unknown';
  /** The call left this process; false: the vendor never saw it, so a write made nothing. */
  sent: boolean;
}

const refusal: CategoryFacts = { retryRead: false, health: 'up', sent: true };
const outage = (retryRead: boolean): CategoryFacts => ({ retryRead, health: 'down', sent: true });
const notSent: CategoryFacts = { retryRead: false, health: 'unknown', sent: false };

export const CATEGORY_FACTS: Readonly<Record<VendorErrorCategory, CategoryFacts>> = {
  unauthenticated: refusal,
  'not-bound': refusal,
  'not-admin': refusal,
  'app-forbidden': refusal,
  'invalid-parameter': refusal,
  rejected: refusal,
  // Throttling proves the vendor is up; backing off is what it asks for.
  throttled: { retryRead: true, health: 'up', sent: true },
  'held-back': notSent,
  'circuit-open': notSent,
  deadline: notSent,
  // Our own timeout already spent the attempt's whole budget: not worth another.
  timeout: outage(false),
  'backend-timeout': outage(true),
  unavailable: outage(true),
  failed: outage(false),
  'bad-response': outage(false),
};
