/**
 * The in-process cache: bounded in entries, entries expire after their TTL, and a periodic
 * sweep drops expired entries nobody asks for again (else they would sit until evicted).
 */
import type { CacheStore } from './cache-store.js';

const SWEEP_EVERY_MS = 10_000;

export function createMemoryCacheStore(
  maxEntries = 10_000,
  now: () => number = Date.now,
): CacheStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const sweep = setInterval(() => {
    const t = now();
    for (const [key, e] of entries) if (e.expiresAt <= t) entries.delete(key);
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    async set(key, value, ttlMs) {
      entries.delete(key); // re-insert: Map order is the eviction order
      entries.set(key, { value, expiresAt: now() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async deletePrefix(prefix) {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
