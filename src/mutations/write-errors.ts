/** What a failed vendor write means for the caller (docs/vendors.md#living-iot: bind and create are not idempotent). */
import { CircuitOpenError } from '../upstream/breaker.js';
import { VendorError } from '../upstream/vendor-error.js';
import { ForbiddenError, OutcomeUnknownError, VendorRejectedError } from './results.js';

/**
 * - no answer, or an unreadable one: the vendor may have acted → OutcomeUnknownError;
 * - 2065/2066: the user may not act on this device → ForbiddenError;
 * - 2062/401 (bad token): stays a top-level UNAUTHENTICATED error;
 * - any other refusal: nothing was created → VendorRejectedError.
 */
export function writeFailure(err: unknown, idempotencyKey: string | null): unknown {
  if (!(err instanceof VendorError)) return err;
  // Nothing was sent: a top-level VENDOR_UNAVAILABLE, and the key is released for a retry.
  if (err instanceof CircuitOpenError) return err;
  if (err.kind === 'transport') {
    return new OutcomeUnknownError(
      idempotencyKey
        ? 'The vendor did not confirm the request; it may have been carried out. Send it again with the same idempotencyKey to find out without a second order.'
        : 'The vendor did not confirm the request; it may have been carried out. Check the device before trying again (an idempotencyKey makes retries safe).',
      idempotencyKey,
      err.requestId,
    );
  }
  const forbidden = accessRefusal(err);
  if (forbidden !== err) return forbidden;
  if (err.kind === 'business' && (err.code === '2062' || err.code === '401')) return err;
  return new VendorRejectedError(err);
}

/**
 * 2065/2066 met by any vendor call of a mutation, read or write → ForbiddenError, so the caller
 * gets the same union member whichever call the vendor refused first; anything else unchanged.
 */
export function accessRefusal(err: unknown): unknown {
  if (!(err instanceof VendorError) || err.kind !== 'business') return err;
  if (err.code !== '2065' && err.code !== '2066') return err;
  return new ForbiddenError(
    err.code === '2066'
      ? 'Only the device administrator may do this.'
      : 'The user is not bound to this device.',
    err.code,
    err.requestId,
  );
}

/** Refusals worth storing as the key's answer; gateway-level ones (throttling, signing) are not. */
export function isFinalRefusal(err: unknown): boolean {
  return err instanceof VendorRejectedError || err instanceof ForbiddenError;
}
