/**
 * How many replicas share this Redis, as last seen: each replica marks itself alive in one sorted
 * set every HEARTBEAT_MS (Redis clock) and counts the marks younger than STALE_MS. While Redis is
 * down the last count stands, so each replica knows what share of a vendor's limit to keep
 * (services.ts); REPLICAS sets a floor for when no count was seen yet.
 */
import { randomUUID } from 'node:crypto';
import type { RedisGuard } from './redis-guard.js';
import { LUA_NOW_MS, type Redis } from './redis.js';

export const HEARTBEAT_MS = 2_000;
/** A replica not heard from for this long has stopped (three missed heartbeats and some). */
export const STALE_MS = 7_000;

// KEYS[1] replica set; ARGV: this replica, stale ms. Returns the replicas alive.
const HEARTBEAT = `${LUA_NOW_MS}
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('ZCARD', KEYS[1])
`;

export interface ReplicaCount {
  /** Replicas alive at the last heartbeat that reached Redis (at least 1: this one). */
  seen(): number;
  close(): Promise<void>;
}

export function watchReplicaCount(redis: Redis, guard: RedisGuard): ReplicaCount {
  const id = randomUUID();
  const key = 'replicas';
  let seen = 1;
  const beat = () =>
    guard.run(
      'replicas',
      'heartbeat',
      async () => {
        seen = Math.max(1, (await redis.eval(HEARTBEAT, 1, key, id, STALE_MS)) as number);
      },
      () => undefined, // the last count stands
    );
  // The first as soon as connected (before that it could only time out).
  if (redis.status === 'ready') void beat();
  else redis.once('ready', () => void beat());
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return {
    seen: () => seen,
    async close() {
      clearInterval(timer);
      // Leaving: the others count one fewer at their next heartbeat, not after STALE_MS.
      await guard.run(
        'replicas',
        'leave',
        () => redis.zrem(key, id),
        () => 0,
      );
    },
  };
}
