/**
 * What a gateway needs to run in production, built from config: metrics, the Redis connection
 * (when REDIS_URL is set) and the stores on it, and each vendor client's breaker and flow
 * control. Without Redis everything stays in this process.
 */
import { createHash } from 'node:crypto';
import { createLocalBudgetStore, type BudgetStore } from '../budgets/budget-store.js';
import { createRedisBudgetStore } from '../budgets/redis-budget-store.js';
import { createMemoryCacheStore } from '../caching/memory-cache-store.js';
import { createRedisCacheStore } from '../caching/redis-cache-store.js';
import type { CacheStore } from '../caching/cache-store.js';
import type { Config } from '../config.js';
import { createMemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import { createRedisIdempotencyStore } from '../idempotency/redis-idempotency-store.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { Logger } from './logger.js';
import { createMetrics, withLookupMetrics, type Metrics } from './metrics.js';
import { guardRedis, type RedisGuard } from './redis-guard.js';
import { watchReplicaCount } from './replica-count.js';
import { createRedisRateWindow } from './redis-rate-window.js';
import { closeRedis, createRedis, type Redis } from './redis.js';
import { createBreakers, type Breakers } from '../upstream/breaker.js';
import type { OnCall } from '../upstream/call-event.js';
import type { Vendor } from '../upstream/vendor-error.js';
import {
  createFlowControl,
  createLocalRateWindow,
  UNLIMITED,
  type FlowControl,
} from '../upstream/flow-control.js';

export interface VendorOps {
  onCall: OnCall;
  breakers: Breakers;
  flow: FlowControl;
  /** The gateway's clock, for the client's signing timestamps, deadlines and retries too. */
  now: () => number;
}

export interface Ops {
  metrics: Metrics;
  redis: Redis | null;
  /** Through which every store on `redis` runs its commands (null without Redis). */
  redisGuard: RedisGuard | null;
  ilop: VendorOps;
  bss: VendorOps;
  idempotency: IdempotencyStore;
  /** Callers' budgets: one bucket per caller for the fleet on Redis, else per process. */
  budgets: BudgetStore;
  /** A cache store on Redis when configured, else in process (the caller owns closing it). */
  createCacheStore(): CacheStore;
  close(): Promise<void>;
}

/** The account in a key without the credential itself. */
export const accountKey = (vendor: Vendor, id: string) =>
  `${vendor}:${createHash('sha256').update(id).digest('base64url').slice(0, 16)}`;

/**
 * `now`: the gateway's clock (GatewayOptions.now), for the breakers, the in-process cache store and
 * the vendor clients.
 */
export function createOps(config: Config, logger: Logger, now: () => number = Date.now): Ops {
  const metrics = createMetrics();
  const redis = config.redisUrl ? createRedis(config.redisUrl, config.redisTimeoutMs) : null;
  const guard = redis ? guardRedis(redis, { logger, metrics }) : null;
  const replicas = redis && guard ? watchReplicaCount(redis, guard) : null;
  // While Redis is down each replica keeps this share of a vendor's limit: REPLICAS, or more
  // replicas if that many were last seen in Redis, so that together they stay within it.
  const replicaShare = () => Math.max(config.ops.replicas, replicas?.seen() ?? 1);
  metrics.replicasSeen(replicaShare);

  /** `perApi`: the vendor counts each API on its own (BSS); else one budget for the account. */
  const vendorOps = (vendor: Vendor, account: string, qps: number, perApi: boolean): VendorOps => {
    const breakers = createBreakers(vendor, {
      failureThreshold: config.ops.breakerFailures,
      openMs: config.ops.breakerOpenMs,
      now,
      onStateChange(api, state) {
        metrics.breakerState(vendor, api, state);
        logger.warn({ vendor, api, state }, 'vendor circuit breaker');
      },
    });
    let flow = UNLIMITED;
    if (qps > 0) {
      const windowAt = (key: string) =>
        redis && guard
          ? createRedisRateWindow({
              redis,
              guard,
              key,
              limit: qps,
              fallback: createLocalRateWindow(() => Math.max(1, Math.floor(qps / replicaShare()))),
            })
          : createLocalRateWindow(qps);
      const key = accountKey(vendor, account);
      flow = createFlowControl({
        vendor,
        window: perApi ? (api) => windowAt(`${key}:${api}`) : windowAt(key),
        maxWaitMs: config.ops.flowMaxWaitMs,
        onWait: (ms, priority, caller) => metrics.flowWait(vendor, ms, priority, caller),
        onHeld: (ms, priority) => metrics.flowHeld(vendor, ms, priority),
      });
      metrics.flowQueue(vendor, () => flow.queued());
    }
    return { onCall: (e) => metrics.onVendorCall(e), breakers, flow, now };
  };

  // No limit is published for Living IoT; BSS's is per account and API (docs/vendors.md#bss).
  // While Redis is down each replica keeps its own buckets, restoring its share of the class's
  // rate: the fleet together never restores a caller faster than one shared bucket would.
  const budgets =
    redis && guard
      ? createRedisBudgetStore(
          redis,
          guard,
          createLocalBudgetStore(now, (size) => ({
            max: size.max,
            restorePerSecond: size.restorePerSecond / replicaShare(),
          })),
        )
      : createLocalBudgetStore(now);
  metrics.budgetShared(() => budgets.shared);

  const ilop = vendorOps('ilop', config.ilop.appKey, config.ops.ilopQps, false);
  const bss = vendorOps('bss', config.bss.accessKeyId, config.ops.bssQps, true);
  return {
    metrics,
    redis,
    redisGuard: guard,
    ilop,
    bss,
    budgets,
    idempotency:
      redis && guard ? createRedisIdempotencyStore(redis, guard) : createMemoryIdempotencyStore(),
    createCacheStore: () =>
      withLookupMetrics(
        redis && guard
          ? createRedisCacheStore(redis, guard, config.vendorCacheTtlMs)
          : createMemoryCacheStore(undefined, now),
        metrics,
      ),
    async close() {
      ilop.flow.close();
      bss.flow.close();
      await replicas?.close();
      guard?.closing();
      if (redis) await closeRedis(redis);
    },
  };
}
