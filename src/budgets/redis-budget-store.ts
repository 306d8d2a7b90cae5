/**
 * Callers' buckets shared by every replica: one Redis hash per caller, read, restored and taken
 * atomically by a Lua script on Redis's own clock (replicas with skewed clocks agree). A script
 * rather than a limiter library: the bucket is a refundable leaky bucket (charge the estimate,
 * give back what was not spent) that the well-kept Redis limiters (rate-limiter-flexible's fixed
 * windows, redis-cell's GCRA) do not model, and the script is the same dozen lines as
 * leaky-bucket.ts. While Redis fails, each replica keeps its own buckets (the fallback store),
 * sized by services.ts to a share of the class's restore rate: never unlimited, never closed.
 */
import type { RedisGuard } from '../ops/redis-guard.js';
import { LUA_NOW_MS, type Redis } from '../ops/redis.js';
import type { BudgetStore } from './budget-store.js';
import { readingOf, type BucketSize } from './leaky-bucket.js';

// KEYS[1] the caller's hash; ARGV: max, restore per second, cost (negative: refund), force (1: into debt).
// Returns { taken (1/0), available after, now } (as strings: Lua numbers would be truncated).
const TAKE = `${LUA_NOW_MS}
local max = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'a', 't')
local available = max
if state[1] then
  available = math.min(max, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate / 1000)
end
local taken = 0
if cost <= available or ARGV[4] == '1' then
  available = math.min(max, available - cost)
  taken = 1
end
redis.call('HSET', KEYS[1], 'a', tostring(available), 't', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((max - available) * 1000 / rate) + 1000)
return { taken, tostring(available), now }
`;

export function createRedisBudgetStore(
  redis: Redis,
  guard: RedisGuard,
  fallback: BudgetStore,
): BudgetStore {
  return {
    get shared() {
      return guard.up;
    },
    async take(key, size: BucketSize, cost, force = false) {
      const answer = await guard.run(
        'budget',
        cost < 0 ? 'refund' : 'take',
        async () =>
          (await redis.eval(
            TAKE,
            1,
            `budget:${key}`,
            size.max,
            size.restorePerSecond,
            cost,
            force ? 1 : 0,
          )) as [number, string, number],
        () => null,
      );
      if (answer === null) return fallback.take(key, size, cost, force);
      const [taken, available, now] = answer;
      return readingOf(size, Number(available), taken === 1, cost, Number(now));
    },
  };
}
