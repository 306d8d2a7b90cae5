/**
 * Which replica sweeps (docs/billing-index.md): the holder of a Redis key with a short expiry,
 * renewed while it sweeps. A replica that dies stops renewing and loses it within `ttlMs`; another
 * takes it on its next tick. Without Redis there is one process, and it always holds the lease.
 */
import { randomUUID } from 'node:crypto';
import type { RedisGuard } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';

export interface Lease {
  /** Takes or renews the lease; false while another replica holds it, or Redis fails. */
  hold(): Promise<boolean>;
  /** Gives it up (on shutdown), so another replica need not wait for the expiry. */
  release(): Promise<void>;
}

export const LOCAL_LEASE: Lease = { hold: async () => true, release: async () => {} };

/**
 * How long a lease outlives its last renewal, by default (BILLING_INDEX_LEASE_MS): a dead sweeper
 * is replaced within this.
 */
export const LEASE_TTL_MS = 15_000;

// KEYS[1] lease; ARGV: owner, ttl ms. 1 when the caller holds it afterwards.
const HOLD = `
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not owner then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

export function createRedisLease(
  redis: Redis,
  guard: RedisGuard,
  key: string,
  ttlMs = LEASE_TTL_MS,
): Lease {
  const owner = randomUUID();
  return {
    hold: () =>
      guard.run(
        'billing-index',
        'lease',
        async () => (await redis.eval(HOLD, 1, key, owner, ttlMs)) === 1,
        // The index lives in Redis: nothing to sweep into while it fails; that sweep is skipped.
        () => false,
      ),
    async release() {
      // Not released: it expires within ttlMs.
      await guard.run(
        'billing-index',
        'lease',
        () => redis.eval(RELEASE, 1, key, owner),
        () => 0,
      );
    },
  };
}
