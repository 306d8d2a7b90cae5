/**
 * The vendor-read cache on Redis, shared by every replica. Keys already carry the caller
 * (cache-store.ts), so a replica serves an entry only to the caller it was made for. `deletePrefix`
 * walks the matching keys with SCAN (entries are few and short-lived; no index to keep in step).
 */
import type { Redis } from '../ops/redis.js';
import type { CacheStore } from './cache-store.js';

/** Glob metacharacters in a prefix match themselves. */
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

export function createRedisCacheStore(redis: Redis): CacheStore {
  const ns = 'cache:';
  // SCAN's MATCH and replies see full key names: ioredis's keyPrefix is not applied to them.
  const keyPrefix = redis.options.keyPrefix ?? '';
  return {
    async get(key) {
      return (await redis.get(ns + key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(ns + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async deletePrefix(prefix) {
      const match = `${escapeGlob(keyPrefix + ns + prefix)}*`;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        cursor = next;
        // Strip the prefix ioredis adds back.
        if (keys.length > 0) await redis.unlink(...keys.map((key) => key.slice(keyPrefix.length)));
      } while (cursor !== '0');
    },
    async close() {},
  };
}
