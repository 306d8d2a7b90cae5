/** The in-process cache: bounded, entries expire after their TTL. */
import type { CacheStore } from './store.js';

export function createMemoryCacheStore(
  maxEntries = 50_000,
  now: () => number = Date.now,
): CacheStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    async get(key) {
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
      entries.clear();
    },
  };
}
