/** The billing index as configured: in Redis with a sweep lease when REDIS_URL is set, else here. */
import type { BillingIndexConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Redis } from '../redis.js';
import type { BssApi } from '../vendor/clients.js';
import { createBillingIndex, type BillingIndex } from './index.js';
import { createRedisLease, LOCAL_LEASE } from './lease.js';
import { createMemoryIndexStore } from './memory-store.js';
import { createIndexMetrics } from './metrics.js';
import { createRedisIndexStore, indexKeys } from './redis-store.js';
import { DAY, HOUR } from './windows.js';

export interface IndexDeps {
  bss: BssApi;
  redis: Redis | null;
  /** The BSS account, hashed (ops.ts `accountKey`): replicas of one account share one index. */
  account: string;
  metrics: Metrics;
  logger: Logger;
  now?: () => number;
}

export function billingIndexFromConfig(config: BillingIndexConfig, deps: IndexDeps): BillingIndex {
  const now = deps.now ?? Date.now;
  const store = deps.redis
    ? createRedisIndexStore(deps.redis, deps.account)
    : createMemoryIndexStore();
  return createBillingIndex({
    bss: deps.bss,
    store,
    lease: deps.redis ? createRedisLease(deps.redis, indexKeys(deps.account).lease) : LOCAL_LEASE,
    now,
    horizonMs: config.horizonDays * DAY,
    recentSpanMs: config.recentHours * HOUR,
    recentPeriodMs: config.recentPeriodMs,
    fullSweepMs: config.fullSweepHours * HOUR,
    metrics: createIndexMetrics(deps.metrics.registry, store, now),
    logger: deps.logger,
  });
}
