/**
 * A caller's budget as a leaky bucket of points (Shopify's model): it holds up to `max` points
 * and restores `restorePerSecond` of them each second; an operation takes its estimated cost
 * before it runs and gets back what it did not spend. Pure: the stores (in process, on Redis)
 * keep the state and run these rules; the Redis store's Lua script mirrors them.
 */

/** A caller class's bucket (BudgetsConfig). */
export interface BucketSize {
  max: number;
  restorePerSecond: number;
}

/** What a bucket holds: points available as of `at` (epoch ms). */
export interface BucketState {
  available: number;
  at: number;
}

/** A bucket after a charge, refund or look. */
export interface BucketReading {
  /** Whether the charge was taken (a refund or a look always is). */
  ok: boolean;
  /** Points available now, after the charge if it was taken. */
  available: number;
  /** Seconds until `cost` would fit (0 when it did); more than a full bucket needs never fits. */
  retryAfterSeconds: number;
  /** Epoch ms when the bucket is full again. */
  fullAt: number;
}

/** What an operation was charged and its bucket as it stood (`Query.rateLimit`). */
export interface OperationBudget {
  /** The operation's estimated cost, charged before it ran. */
  cost: number;
  size: BucketSize;
  reading: BucketReading;
}

/** The state at `now`: restored since `at`, never above `max`. A new caller starts full. */
export function restored(state: BucketState | undefined, size: BucketSize, now: number): number {
  if (!state) return size.max;
  const elapsed = Math.max(0, now - state.at) / 1000;
  return Math.min(size.max, state.available + elapsed * size.restorePerSecond);
}

/**
 * Takes `cost` when available (a negative cost refunds), else nothing; `force` takes it anyway,
 * into debt (an operation that made more vendor calls than estimated pays for them). Returns the
 * new state and what the caller is told.
 */
export function apply(
  state: BucketState | undefined,
  size: BucketSize,
  cost: number,
  now: number,
  force = false,
): { state: BucketState; reading: BucketReading } {
  const available = restored(state, size, now);
  const ok = force || cost <= available;
  const after = ok ? Math.min(size.max, available - cost) : available;
  return { state: { available: after, at: now }, reading: readingOf(size, after, ok, cost, now) };
}

export function readingOf(
  size: BucketSize,
  available: number,
  ok: boolean,
  cost: number,
  now: number,
): BucketReading {
  const perMs = size.restorePerSecond / 1000;
  const missing = ok ? 0 : cost - available;
  return {
    ok,
    available,
    retryAfterSeconds: missing > 0 ? Math.ceil(missing / size.restorePerSecond) : 0,
    fullAt: now + Math.ceil((size.max - available) / perMs),
  };
}
