/**
 * The vendor-read cache on Redis, shared by every replica. Keys already carry the caller
 * (cache-store.ts), so a replica serves an entry only to the caller it was made for.
 *
 * Each scope's generation is one counter (`cachegen:<scope>`); an entry lives at
 * `cache:<generation>:<key>`. A lookup reads both in one script; an invalidation is one INCR, so a
 * write costs the same however many keys Redis holds (BENCHMARKS.md). Entries of old generations
 * are simply never asked for again and expire with their TTL.
 *
 * Redis failing (redis-guard.ts): a lookup is a miss with no generation, so the read goes to the
 * vendor and its answer is not stored; a store is dropped. A failed invalidation is retried in
 * the background until it lands or every entry it was meant to retire has expired anyway.
 */
import type { RedisGuard } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import { cacheScope, type CacheLookup, type CacheStore } from './cache-store.js';

/**
 * How long a generation counter outlives its last write: far longer than any read may take, so a
 * counter never restarts while a load that saw an older value of it could still store.
 */
const GENERATION_TTL_MS = 24 * 60 * 60 * 1000;
const INVALIDATE_RETRY_MS = 1_000;

// KEYS[1] generation; ARGV: the entry key's full prefix (keyPrefix included: a key built in Lua
// gets none added), the key. Returns {generation, value or false}.
const GET = `
local g = tonumber(redis.call('GET', KEYS[1]) or '0')
return {g, redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])}
`;

// KEYS[1] generation, KEYS[2] entry; ARGV: generation, value, ttl ms.
const SET = `
if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
`;

// KEYS[1] generation; ARGV: its ttl ms.
const INVALIDATE = `
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
`;

const UNKNOWN: CacheLookup = Object.freeze({ value: undefined, generation: null });

export function createRedisCacheStore(
  redis: Redis,
  guard: RedisGuard,
  ttlMs: number,
  now: () => number = Date.now,
): CacheStore {
  const entryPrefix = `${redis.options.keyPrefix ?? ''}cache:`;
  const generationKey = (key: string) => `cachegen:${cacheScope(key)}`;
  const retries = new Set<NodeJS.Timeout>();

  const invalidate = (scope: string) =>
    redis.eval(INVALIDATE, 1, `cachegen:${scope}`, GENERATION_TTL_MS).then(() => true);

  function retryInvalidation(scope: string, giveUpAt: number) {
    const timer = setTimeout(async () => {
      retries.delete(timer);
      const done = await guard.run(
        'cache',
        'invalidate',
        () => invalidate(scope),
        () => false,
      );
      if (!done && now() < giveUpAt) retryInvalidation(scope, giveUpAt);
    }, INVALIDATE_RETRY_MS);
    timer.unref();
    retries.add(timer);
  }

  return {
    get(key) {
      return guard.run(
        'cache',
        'get',
        async () => {
          const [generation, value] = (await redis.eval(
            GET,
            1,
            generationKey(key),
            entryPrefix,
            key,
          )) as [number, string | null];
          return { value: value ?? undefined, generation };
        },
        () => UNKNOWN,
      );
    },
    async set(key, value, ttl, generation) {
      await guard.run(
        'cache',
        'set',
        () =>
          redis.eval(
            SET,
            2,
            generationKey(key),
            `cache:${generation}:${key}`,
            generation,
            value,
            Math.max(1, Math.round(ttl)),
          ),
        () => undefined,
      );
    },
    async invalidate(scope) {
      const done = await guard.run(
        'cache',
        'invalidate',
        () => invalidate(scope),
        () => false,
      );
      // Entries are kept two TTLs (vendor-cache.ts): past that, nothing is left to retire.
      if (!done) retryInvalidation(scope, now() + 2 * ttlMs);
    },
    async close() {
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
    },
  };
}
