/**
 * A sliding-window rate limit shared by every replica: one sorted set per vendor account, checked
 * and updated atomically in Lua on Redis's own clock, so replicas with skewed clocks agree.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import type { Redis } from './redis.js';
import { FLOW_WINDOW_MS, type RateWindow } from './vendor/flow-control.js';

// KEYS[1] window set; ARGV: limit, window ms, unique member. Returns 0 (taken) or ms to wait.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export interface RedisRateWindowOptions {
  redis: Redis;
  /** Identifies the vendor account (hashed by the caller: no credential in a key). */
  key: string;
  limit: number;
  windowMs?: number;
  /** Used while Redis fails: the replica keeps its own share of the limit rather than stopping. */
  fallback: RateWindow;
  logger?: Logger;
}

export function createRedisRateWindow(options: RedisRateWindowOptions): RateWindow {
  const { redis, limit, fallback } = options;
  const key = `flow:${options.key}`;
  const windowMs = options.windowMs ?? FLOW_WINDOW_MS;
  let warned = false;
  return {
    async tryTake() {
      try {
        const wait = (await redis.eval(TAKE, 1, key, limit, windowMs, randomUUID())) as number;
        warned = false;
        return wait;
      } catch (err) {
        if (!warned) options.logger?.warn({ err }, 'flow control: Redis failed, limiting locally');
        warned = true;
        return fallback.tryTake();
      }
    },
  };
}
