/**
 * A short-TTL cache of vendor reads shared across requests (and, on Redis, across replicas).
 * Keys always start with the scope they may be invalidated by (`device:<iotId>`, `bss:<api>`),
 * then `:`, and always include the caller, so nothing cached for one caller is served to another.
 *
 * Invalidation is O(1): each scope has a generation, moved on by every write, and an entry is
 * found only under the generation it was stored in. A load is stored under the generation seen
 * when its lookup missed, and only while that is still the scope's generation, so a read that
 * began before a write (on any replica) can never store what it read as current after it.
 *
 * Stores never reject because their backend failed: a lookup answers a miss, a store or an
 * invalidation is dropped (redis-cache-store.ts says what that means on Redis).
 */
import type { MaybePromise } from '../domain/maybe-promise.js';

export interface CacheLookup {
  value: string | undefined;
  /** The scope's generation at the lookup; null when unknown (nothing may be stored then). */
  generation: number | null;
}

export interface CacheStore {
  /** The in-process store answers at once (no promise per lookup); Redis with a promise. */
  get(key: string): MaybePromise<CacheLookup>;
  /** Stores `value` only if the key's scope is still at `generation`. */
  set(key: string, value: string, ttlMs: number, generation: number): Promise<void>;
  /** Moves the scope to a new generation: what was stored under earlier ones is never found again. */
  invalidate(scope: string): Promise<void>;
  close(): Promise<void>;
}

/** A key's scope: what comes before its second `:` (ids in scopes are URI-encoded, no `:`). */
export function cacheScope(key: string): string {
  const end = key.indexOf(':', key.indexOf(':') + 1);
  return end < 0 ? key : key.slice(0, end);
}
