/**
 * The billing index as configured: in Redis with a sweep lease when REDIS_URL is set, else in an
 * SQLite file under DATA_DIR.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type BillingIndexConfig } from '../config.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { RedisGuard } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import type { BssApi } from '../upstream/clients.js';
import type { BillingOrder } from '../domain/billing-order.js';
import { createBillingIndex, type BillingIndex } from './billing-index.js';
import { createRedisLease, LOCAL_LEASE } from './lease.js';
import { pagesInFlight } from './sweeper.js';
import { createIndexMetrics } from './metrics.js';
import { createRedisIndexStore, indexKeys, listpackWarnings } from './redis-order-store.js';
import { createSqliteIndexStore, StoreFileError } from './sqlite-order-store.js';
import type { BillingIndexStore } from './order-store.js';
import { DAY, HOUR, windowOrders } from './windows.js';

export interface IndexDeps {
  bss: BssApi;
  /** Redis and the guard every command runs through (both null without Redis). */
  redis: { redis: Redis; guard: RedisGuard } | null;
  /** The BSS account, hashed (ops/services.ts `accountKey`): replicas of one account share one index. */
  account: string;
  metrics: Metrics;
  logger: Logger;
  now?: () => number;
  /** BSS calls per second (BSS_QPS): sizes the back-sweep's windows (windows.ts windowOrders). */
  bssQps?: number;
  /** Orders a sweep saw change (new, or a new payment status): live updates. */
  onChange?: (orders: readonly BillingOrder[]) => void;
}

/** The account's SQLite file under DATA_DIR: an unwritable directory stops the start. */
export function sqliteStoreFor(config: BillingIndexConfig, account: string): BillingIndexStore {
  const dir = config.dataDir;
  if (dir === null)
    return createSqliteIndexStore({ path: ':memory:', cacheMb: config.sqliteCacheMb });
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new ConfigError([
      `DATA_DIR (${dir}) must be a writable directory: ${(err as Error).message}`,
    ]);
  }
  return createSqliteIndexStore({
    // The account key is `bss:<hash>`: a colon is no friend of every file tool.
    path: join(dir, `billing-index-${account.replace(/[^A-Za-z0-9_-]/g, '-')}.sqlite`),
    cacheMb: config.sqliteCacheMb,
  });
}

/**
 * The index, or null when its SQLite file is not one this gateway can open (corrupt, foreign,
 * newer): logged with its path and left alone, and BSS answers every read meanwhile.
 */
export function billingIndexFromConfig(
  config: BillingIndexConfig,
  deps: IndexDeps,
): BillingIndex | null {
  const now = deps.now ?? Date.now;
  let store: BillingIndexStore;
  try {
    store = deps.redis
      ? createRedisIndexStore(deps.redis.redis, deps.redis.guard, deps.account)
      : sqliteStoreFor(config, deps.account);
  } catch (err) {
    if (!(err instanceof StoreFileError)) throw err;
    deps.logger.error({ path: err.path }, `${err.message}; the billing index is off`);
    return null;
  }
  // The Redis layout's memory relies on the server's listpack settings (docs/billing-index.md).
  if (deps.redis)
    void listpackWarnings(deps.redis.redis).then(
      (lines) => lines.forEach((line) => deps.logger.warn(line)),
      () => {},
    );
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
    windowOrders: windowOrders(deps.bssQps || 10),
    pagesInFlight: pagesInFlight(deps.bssQps || 10),
    metrics: createIndexMetrics(deps.metrics.registry, store, now, config.horizonDays * DAY),
    logger: deps.logger,
    onChange: deps.onChange,
  });
}
