/**
 * Read retries: reads only, on the errors whose category says so (error-category.ts `retryRead`),
 * jittered exponential backoff, a vendor-requested wait honoured, never past the call's deadline
 * or abort. Writes are sent exactly once (docs/vendors.md#limits-and-retries).
 *
 * Options: `policy` (default READ_RETRY_POLICY: 2 retries, 75 ms base, 1 s cap, vendor waits up
 * to 2 s honoured), `now` (the deadline's clock), `random` (jitter source, for tests).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VendorError } from '../vendor-error.js';
import type { Attempt, Interceptor } from './dispatch.js';

export interface RetryPolicy {
  /** Extra attempts after the first. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A vendor asking for a longer wait than this gets no retry: the caller hears the error. */
  maxRetryAfterMs: number;
}

export const READ_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 75,
  maxDelayMs: 1000,
  maxRetryAfterMs: 2000,
};

/** "Equal jitter": half fixed, half random, so retries neither stampede nor collapse to zero. */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions {
  policy?: RetryPolicy;
  now: () => number;
  random?: () => number;
}

export function retry(options: RetryOptions): Interceptor {
  const policy = options.policy ?? READ_RETRY_POLICY;
  return (next) => async (first) => {
    const { signal } = first.call;
    for (let n = first.n; ; n++) {
      try {
        return await next({ ...first, n });
      } catch (err) {
        const delay = nextDelay(err, n, first, policy, options);
        if (delay === null) throw err;
        // An abort during the wait surfaces as the caller's abort reason.
        await sleep(delay, undefined, signal ? { signal } : {}).catch(() => {
          throw signal?.reason ?? err;
        });
      }
    }
  };
}

function nextDelay(
  err: unknown,
  n: number,
  { call }: Attempt,
  policy: RetryPolicy,
  o: RetryOptions,
): number | null {
  if (call.write || n > policy.maxRetries) return null;
  if (!(err instanceof VendorError) || !err.facts.retryRead) return null;
  if (call.signal?.aborted) return null;
  const askedMs = err.retryAfterMs ?? 0;
  if (askedMs > policy.maxRetryAfterMs) return null;
  const delay = Math.max(backoffDelayMs(n, policy, o.random), askedMs);
  // No retry starts past the deadline: the caller hears the error it has.
  if (call.deadline !== undefined && o.now() + delay >= call.deadline) return null;
  return delay;
}
