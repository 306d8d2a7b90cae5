/** The billing index as configured: in Redis with a sweep lease when REDIS_URL is set, else here. */
import type { BillingIndexConfig } from '../config.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { RedisGuard } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import type { BssApi } from '../upstream/clients.js';
import type { BillingOrder } from '../domain/billing-order.js';
import { createBillingIndex, type BillingIndex } from './billing-index.js';
import { createRedisLease, LOCAL_LEASE } from './lease.js';
import { createMemoryIndexStore } from './memory-order-store.js';
import { createIndexMetrics } from './metrics.js';
import { createRedisIndexStore, indexKeys } from './redis-order-store.js';
import { DAY, HOUR } from './windows.js';

export interface IndexDeps {
  bss: BssApi;
  /** Redis and the guard every command runs through (both null without Redis). */
  redis: { redis: Redis; guard: RedisGuard } | null;
  /** The BSS account, hashed (ops/services.ts `accountKey`): replicas of one account share one index. */
  account: string;
  metrics: Metrics;
  logger: Logger;
  now?: () => number;
  /** Orders a sweep saw change (new, or a new payment status): live updates. */
  onChange?: (orders: readonly BillingOrder[]) => void;
}

export function billingIndexFromConfig(config: BillingIndexConfig, deps: IndexDeps): BillingIndex {
  const now = deps.now ?? Date.now;
  const store = deps.redis
    ? createRedisIndexStore(deps.redis.redis, deps.redis.guard, deps.account)
    : createMemoryIndexStore();
  return createBillingIndex({
    bss: deps.bss,
    store,
    lease: deps.redis
      ? createRedisLease(
          deps.redis.redis,
          deps.redis.guard,
          indexKeys(deps.account).lease,
          config.leaseMs,
        )
      : LOCAL_LEASE,
    now,
    horizonMs: config.horizonDays * DAY,
    recentSpanMs: config.recentHours * HOUR,
    recentPeriodMs: config.recentPeriodMs,
    fullSweepMs: config.fullSweepHours * HOUR,
    metrics: createIndexMetrics(deps.metrics.registry, store, now),
    logger: deps.logger,
    onChange: deps.onChange,
  });
}
