/**
 * The call's deadline, last before the exchange: the attempt's time is its per-API timeout cut
 * short by the deadline, and an attempt with no time left is not sent (VENDOR_TIMEOUT, category
 * `deadline`: nothing reached the vendor). Option: `now` (epoch ms, the deadline's clock).
 */
import { VENDOR_TIMEOUT, VendorError } from '../vendor-error.js';
import type { Interceptor, VendorCall } from './dispatch.js';

export function pastDeadline(call: VendorCall, now: () => number): boolean {
  return call.deadline !== undefined && now() >= call.deadline;
}

export function deadlineError(call: VendorCall, cause?: unknown): VendorError {
  return new VendorError({
    vendor: call.vendor,
    code: VENDOR_TIMEOUT,
    message: 'the request deadline passed before the call was sent',
    kind: 'transport',
    category: 'deadline',
    api: call.api,
    cause,
  });
}

export function deadline(now: () => number): Interceptor {
  return (next) => (attempt) => {
    const { deadline: end } = attempt.call;
    if (end === undefined) return next(attempt);
    const left = end - now();
    if (left <= 0) return Promise.reject(deadlineError(attempt.call));
    return next({ ...attempt, timeoutMs: Math.min(attempt.timeoutMs, left) });
  };
}
