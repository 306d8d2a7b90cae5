/**
 * Where callers' buckets live (leaky-bucket.ts): in process, or on Redis for the whole fleet
 * (redis-budget-store.ts). Keys are hashed caller keys (Viewer.cacheKey), never a credential.
 */
import {
  apply,
  restored,
  type BucketReading,
  type BucketSize,
  type BucketState,
} from './leaky-bucket.js';

export interface BudgetStore {
  /**
   * Takes `cost` points from `key`'s bucket if it holds them (`force`: even into debt); a
   * negative cost refunds.
   */
  take(
    key: string,
    size: BucketSize,
    cost: number,
    force?: boolean,
  ): Promise<BucketReading> | BucketReading;
  /** Whether the buckets are shared by every replica now (false: per process). */
  readonly shared: boolean;
}

/** Buckets at most kept in process; full ones (the same as none) are dropped first. */
export const MAX_LOCAL_BUCKETS = 100_000;

/**
 * In-process buckets. `sizeOf` may shrink a class's size (a replica's share while Redis is
 * down).
 */
export function createLocalBudgetStore(
  now: () => number = Date.now,
  sizeOf: (size: BucketSize) => BucketSize = (s) => s,
): BudgetStore {
  const buckets = new Map<string, BucketState>();
  const prune = (size: BucketSize) => {
    const t = now();
    for (const [key, state] of buckets) {
      if (restored(state, size, t) >= size.max) buckets.delete(key);
    }
    // Still full of live buckets: the oldest go (they restart full, a caller's gain, never a loss).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_LOCAL_BUCKETS) break;
      buckets.delete(key);
    }
  };
  return {
    shared: false,
    take(key, classSize, cost, force) {
      const size = sizeOf(classSize);
      const { state, reading } = apply(buckets.get(key), size, cost, now(), force);
      if (!buckets.has(key) && buckets.size >= MAX_LOCAL_BUCKETS) prune(size);
      buckets.set(key, state);
      return reading;
    },
  };
}
