/**
 * A short-TTL cache of vendor reads shared across requests (and, on Redis, across replicas).
 * Keys always start with the scope they may be invalidated by (e.g. `device:<iotId>:`) and
 * always include the caller, so nothing cached for one caller is served to another.
 */
import type { MaybePromise } from '../domain/maybe-promise.js';

export interface CacheStore {
  /** The in-process store answers at once (no promise per lookup); Redis with a promise. */
  get(key: string): MaybePromise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Drops every key starting with `prefix` (a device's entries, for every caller). */
  deletePrefix(prefix: string): Promise<void>;
  close(): Promise<void>;
}
