/**
 * A sliding-window rate limit shared by every replica: one sorted set per vendor account, checked
 * and updated atomically in Lua on Redis's own clock, so replicas with skewed clocks agree. Each
 * member is one call's slot, scored by when it stops counting against the window's start: far
 * ahead while the call is in flight, its end once released (flow-control.ts says why).
 */
import { randomUUID } from 'node:crypto';
import type { RedisGuard } from './redis-guard.js';
import { LUA_NOW_MS, type Redis } from './redis.js';
import {
  FLOW_WINDOW_MS,
  IN_FLIGHT_POLL_MS,
  usableSlots,
  type RateWindow,
} from '../upstream/flow-control.js';

// KEYS[1] window set; ARGV: limit, window ms, member, hold ms, poll ms.
// Returns 0 (taken) or the ms until it is worth asking again.
const TAKE = `${LUA_NOW_MS}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], hold + window)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now then return tonumber(ARGV[5]) end
return math.max(1, oldest + window - now)
`;

// KEYS[1] window set; ARGV: member. The slot now counts from its call's end.
const RELEASE = `${LUA_NOW_MS}
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
`;

/**
 * Longest a slot is held without a release: longer than any attempt's timeout, so it only ends
 * the slots of a replica that died mid-call (they keep the window smaller until then).
 */
export const SLOT_HOLD_MS = 60_000;

export interface RedisRateWindowOptions {
  redis: Redis;
  /** Identifies the vendor account (hashed by the caller: no credential in a key). */
  key: string;
  limit: number;
  windowMs?: number;
  /** Default SLOT_HOLD_MS. */
  holdMs?: number;
  /**
   * Used while Redis fails: the replica keeps its own share of the limit rather than stopping
   * (services.ts sizes it to limit / REPLICAS, so the replicas together stay under the limit).
   */
  fallback: RateWindow;
  guard: RedisGuard;
}

export function createRedisRateWindow(options: RedisRateWindowOptions): RateWindow {
  const { redis, limit, fallback, guard } = options;
  const key = `flow:${options.key}`;
  const windowMs = options.windowMs ?? FLOW_WINDOW_MS;
  const holdMs = options.holdMs ?? SLOT_HOLD_MS;
  return {
    async tryTake(headroom = 0) {
      const member = randomUUID();
      const wait = await guard.run(
        'flow',
        'take',
        async () =>
          (await redis.eval(
            TAKE,
            1,
            key,
            usableSlots(limit, headroom),
            windowMs,
            member,
            holdMs,
            IN_FLIGHT_POLL_MS,
          )) as number,
        () => null,
      );
      if (wait === null) return fallback.tryTake(headroom);
      if (wait > 0) return wait;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Not awaited: the caller's answer does not wait on bookkeeping. A lost release only
        // keeps the slot until SLOT_HOLD_MS.
        void guard.run(
          'flow',
          'release',
          () => redis.eval(RELEASE, 1, key, member),
          () => null,
        );
      };
    },
  };
}
