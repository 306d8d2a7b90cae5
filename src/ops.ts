/**
 * What a gateway needs to run in production, built from config: metrics, the Redis connection
 * (when REDIS_URL is set) and the stores on it, and each vendor client's breaker and flow
 * control. Without Redis everything stays in this process.
 */
import { createHash } from 'node:crypto';
import { createMemoryCacheStore } from './cache/memory-store.js';
import { createRedisCacheStore } from './cache/redis-store.js';
import type { CacheStore } from './cache/store.js';
import type { Config } from './config.js';
import { createMemoryIdempotencyStore } from './idempotency/memory-store.js';
import { createRedisIdempotencyStore } from './idempotency/redis-store.js';
import type { IdempotencyStore } from './idempotency/store.js';
import type { Logger } from './logger.js';
import { createMetrics, withLookupMetrics, type Metrics } from './metrics.js';
import { createRedisRateWindow } from './redis-rate-window.js';
import { closeRedis, createRedis, type Redis } from './redis.js';
import { createBreakers, type Breakers } from './vendor/breaker.js';
import type { OnCall } from './vendor/call-event.js';
import type { Vendor } from './vendor/errors.js';
import {
  createFlowControl,
  createLocalRateWindow,
  UNLIMITED,
  type FlowControl,
} from './vendor/flow-control.js';

export interface VendorOps {
  onCall: OnCall;
  breakers: Breakers;
  flow: FlowControl;
}

export interface Ops {
  metrics: Metrics;
  redis: Redis | null;
  ilop: VendorOps;
  bss: VendorOps;
  idempotency: IdempotencyStore;
  /** A cache store on Redis when configured, else in process (the caller owns closing it). */
  createCacheStore(): CacheStore;
  close(): Promise<void>;
}

/** The account in a key without the credential itself. */
export const accountKey = (vendor: Vendor, id: string) =>
  `${vendor}:${createHash('sha256').update(id).digest('base64url').slice(0, 16)}`;

export function createOps(config: Config, logger: Logger): Ops {
  const metrics = createMetrics();
  const redis = config.redisUrl ? createRedis(config.redisUrl) : null;
  // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));

  /** `perApi`: the vendor counts each API on its own (BSS); else one budget for the account. */
  const vendorOps = (vendor: Vendor, account: string, qps: number, perApi: boolean): VendorOps => {
    const breakers = createBreakers(vendor, {
      failureThreshold: config.ops.breakerFailures,
      openMs: config.ops.breakerOpenMs,
      onStateChange(api, state) {
        metrics.breakerState(vendor, api, state);
        logger.warn({ vendor, api, state }, 'vendor circuit breaker');
      },
    });
    let flow = UNLIMITED;
    if (qps > 0) {
      const windowAt = (key: string) => {
        const local = createLocalRateWindow(qps);
        return redis
          ? createRedisRateWindow({ redis, key, limit: qps, fallback: local, logger })
          : local;
      };
      const key = accountKey(vendor, account);
      flow = createFlowControl({
        vendor,
        window: perApi ? (api) => windowAt(`${key}:${api}`) : windowAt(key),
        maxWaitMs: config.ops.flowMaxWaitMs,
        onWait: (ms, priority) => metrics.flowWait(vendor, ms, priority),
      });
      metrics.flowQueue(vendor, () => flow.queued());
    }
    return { onCall: (e) => metrics.onVendorCall(e), breakers, flow };
  };

  // No limit is published for Living IoT; BSS's is 10 per second per account and API.
  const ilop = vendorOps('ilop', config.ilop.appKey, config.ops.ilopQps, false);
  const bss = vendorOps('bss', config.bss.accessKeyId, config.ops.bssQps, true);
  return {
    metrics,
    redis,
    ilop,
    bss,
    idempotency: redis ? createRedisIdempotencyStore(redis) : createMemoryIdempotencyStore(),
    createCacheStore: () =>
      withLookupMetrics(redis ? createRedisCacheStore(redis) : createMemoryCacheStore(), metrics),
    async close() {
      ilop.flow.close();
      bss.flow.close();
      if (redis) await closeRedis(redis);
    },
  };
}
