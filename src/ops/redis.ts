/**
 * The one Redis connection a gateway shares between its stores (idempotency, cache, flow
 * control). Commands fail fast while Redis is unreachable instead of queueing without bound.
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

export type { Redis };

/** ioredis is loaded on the first connection, so a gateway without REDIS_URL never holds it. */
const loadIoredis = () =>
  (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis;

/** Every key subgate writes starts with this, so one Redis can serve other tenants too. */
export const KEY_PREFIX = 'subgate:';

/**
 * Opens a Lua script with `now`, epoch ms on Redis's own clock: times that several replicas
 * compare (rate windows, leases) come from one clock, however skewed the replicas' are.
 */
export const LUA_NOW_MS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * `timeoutMs` bounds every command, queued while disconnected or sent to a Redis that is slow to
 * answer: past it the command fails and its store falls back (redis-guard.ts), so no command
 * waits on Redis longer than that. The gateway passes REDIS_TIMEOUT_MS; the default is for tools.
 */
export function createRedis(url: string, timeoutMs = 1_000): Redis {
  const Redis = loadIoredis();
  return new Redis(url, {
    keyPrefix: KEY_PREFIX,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/** QUIT when connected (pending replies arrive first), else just disconnect. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
