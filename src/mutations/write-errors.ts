/** What a failed vendor write means for the caller (docs/vendors.md#living-iot: bind and create are not idempotent). */
import { VendorError } from '../upstream/vendor-error.js';
import { ForbiddenError, OutcomeUnknownError, VendorRejectedError } from './results.js';

/**
 * By the error's category (src/upstream/error-category.ts):
 * - never sent (circuit open, no flow-control slot, deadline passed): stays a top-level error and
 *   the key is released for a retry, since the vendor made nothing;
 * - sent but no verdict came back (timeout, unreadable answer): the vendor may have acted →
 *   OutcomeUnknownError;
 * - not bound / not admin: the user may not act on this device → ForbiddenError;
 * - a bad token: stays a top-level UNAUTHENTICATED error;
 * - throttled: the vendor made nothing and will accept the same request later, so it stays a
 *   top-level VENDOR_RATE_LIMITED error and the key is released (not stored as the key's answer);
 * - any other refusal: nothing was created → VendorRejectedError.
 */
export function writeFailure(err: unknown, idempotencyKey: string | null): unknown {
  if (!(err instanceof VendorError)) return err;
  if (!err.facts.sent) return err;
  if (err.outcomeUnknown) {
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
  if (err.category === 'unauthenticated' || err.category === 'throttled') return err;
  return new VendorRejectedError(err);
}

const ACCESS_REFUSALS: Partial<Record<VendorError['category'], string>> = {
  'not-bound': 'The user is not bound to this device.',
  'not-admin': 'Only the device administrator may do this.',
};

/**
 * Not bound / not admin met by any vendor call of a mutation, read or write → ForbiddenError, so
 * the caller gets the same union member whichever call the vendor refused first; anything else
 * unchanged.
 */
export function accessRefusal(err: unknown): unknown {
  if (!(err instanceof VendorError)) return err;
  const message = ACCESS_REFUSALS[err.category];
  return message === undefined ? err : new ForbiddenError(message, err.code, err.requestId);
}

/** Refusals worth storing as the key's answer; gateway-level ones (throttling, signing) are not. */
export function isFinalRefusal(err: unknown): boolean {
  return err instanceof VendorRejectedError || err instanceof ForbiddenError;
}
