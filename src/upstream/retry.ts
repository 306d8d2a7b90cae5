/**
 * Read-retry policy: reads only, jittered exponential backoff, a vendor-requested wait honoured,
 * never past the caller's deadline or abort. Writes (bind, create) never come through here with
 * `idempotent: true`, so they are sent exactly once (docs/vendors.md#limits-and-retries).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VendorError } from './vendor-error.js';

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
  idempotent: boolean;
  isRetryable: (err: VendorError) => boolean;
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Absolute time (ms, on `now`'s clock) after which no retry starts. */
  deadline?: number;
  now: () => number;
  random?: () => number;
}

export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      const delay = nextDelay(err, n, options);
      if (delay === null) throw err;
      // An abort during the wait surfaces as the caller's abort reason.
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {
        throw options.signal?.reason ?? err;
      });
    }
  }
}

function nextDelay(err: unknown, n: number, o: RetryOptions): number | null {
  if (!o.idempotent || n > o.policy.maxRetries) return null;
  if (!(err instanceof VendorError) || !o.isRetryable(err)) return null;
  if (o.signal?.aborted) return null;
  const askedMs = err.retryAfterMs ?? 0;
  if (askedMs > o.policy.maxRetryAfterMs) return null;
  const delay = Math.max(backoffDelayMs(n, o.policy, o.random), askedMs);
  if (o.deadline !== undefined && o.now() + delay >= o.deadline) return null;
  return delay;
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
