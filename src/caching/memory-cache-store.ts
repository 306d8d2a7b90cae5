/**
 * The in-process cache: bounded in entries, entries expire after their TTL, and a periodic
 * sweep drops expired entries nobody asks for again (else they would sit until evicted).
 * Generations (cache-store.ts) come from one counter; scopes never written have `floor`.
 */
import { cacheScope, type CacheLookup, type CacheStore } from './cache-store.js';

const SWEEP_EVERY_MS = 10_000;

interface Entry extends CacheLookup {
  value: string;
  generation: number;
  expiresAt: number;
}

export function createMemoryCacheStore(
  maxEntries = 10_000,
  now: () => number = Date.now,
): CacheStore {
  const entries = new Map<string, Entry>();
  const generations = new Map<string, number>();
  let counter = 0;
  // Past the cap a scope's generation is forgotten: unknown scopes move to a new floor, so no
  // load that began before (under any older generation) is stored.
  let floor = 0;
  const generation = (scope: string) => generations.get(scope) ?? floor;
  const sweep = setInterval(() => {
    const t = now();
    for (const [key, e] of entries) if (e.expiresAt <= t) entries.delete(key);
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    get(key) {
      const current = generation(cacheScope(key));
      const e = entries.get(key);
      if (!e || e.generation !== current || e.expiresAt <= now()) {
        if (e) entries.delete(key);
        return { value: undefined, generation: current };
      }
      return e; // a hit allocates nothing
    },
    async set(key, value, ttlMs, gen) {
      if (gen !== generation(cacheScope(key))) return;
      entries.delete(key); // re-insert: Map order is the eviction order
      entries.set(key, { value, generation: gen, expiresAt: now() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async invalidate(scope) {
      generations.delete(scope);
      generations.set(scope, ++counter);
      if (generations.size > maxEntries) {
        generations.delete(generations.keys().next().value!);
        floor = ++counter;
      }
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
