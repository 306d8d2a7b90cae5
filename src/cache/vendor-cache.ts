/**
 * The short-TTL cache of vendor reads shared across requests (issue 6): JSON strings behind a
 * `CacheStore`, keyed by the scope a mutation invalidates, then the caller, then the read, so a
 * caller is only ever served what the vendor answered that same caller.
 */
import type { CacheStore } from './store.js';

export interface VendorCache {
  /** False when the TTL is 0: every read goes to the vendor. */
  readonly enabled: boolean;
  /**
   * The cached answer for `key`, else `load()` (one in-process load per key at a time, shared by
   * concurrent requests). Past its TTL an entry is still served, for at most one more TTL, while
   * one background load refreshes it. Failures and nulls are never stored.
   */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** After a write to a device: drop what every caller has cached about it, and billing lists. */
  forgetDevice(iotId: string): Promise<void>;
}

// Ids go into keys encoded, so one device's prefix never matches another device's keys.
const part = (s: string) => encodeURIComponent(s);

/** `device:<iotId>:<callerKey>:<api>:<what>`: dropped per device, for every caller. */
export function deviceCacheKey(iotId: string, callerKey: string, api: string, what: string) {
  return `device:${part(iotId)}:${callerKey}:${api}:${what}`;
}

/** `bss:<api>:<callerKey>:<what>`: BSS lists are dropped together when a purchase adds an order. */
export function bssCacheKey(
  api: 'QueryOrders' | 'GetOrderDetail',
  callerKey: string,
  what: string,
) {
  return `bss:${api}:${callerKey}:${what}`;
}

// Domain dates travel as ISO strings in the store and come back as Dates.
const DATE_FIELDS = new Set([
  'startTime',
  'endTime',
  'createTime',
  'paymentTime',
  'usageStartTime',
  'usageEndTime',
]);
const reviveDates = (key: string, value: unknown) =>
  typeof value === 'string' && DATE_FIELDS.has(key) ? new Date(value) : value;

/** Stored as `[freshUntil, value]`; the store keeps it for two TTLs (the stale grace). */
type Entry = [freshUntil: number, value: unknown];

/** Parsed entries remembered per key, reused while the store still holds the same bytes. */
const MAX_PARSED = 20_000;

export function createVendorCache(
  store: CacheStore,
  ttlMs: number,
  now: () => number = Date.now,
): VendorCache {
  const inflight = new Map<string, Promise<unknown>>();
  // Parsing dominated the warm dashboard's profile: the store stays the source of truth (so
  // invalidation from any replica holds), and only a changed value is parsed again.
  const parsed = new Map<string, { raw: string; entry: Entry }>();
  // Bumped by every invalidation: a read that began before it must not store what it read.
  let epoch = 0;

  function decode(key: string, raw: string): Entry {
    const known = parsed.get(key);
    if (known && known.raw === raw) return known.entry;
    const entry = JSON.parse(raw, reviveDates) as Entry;
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, { raw, entry });
    return entry;
  }

  /** One load per key at a time; its result is stored unless an invalidation came first. */
  function loadOnce<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = inflight.get(key);
    if (pending) return pending as Promise<T>;
    const started = epoch;
    const loading = load()
      .then(async (value) => {
        if (value !== null && started === epoch) {
          const entry: Entry = [now() + ttlMs, value];
          await store.set(key, JSON.stringify(entry), 2 * ttlMs);
        }
        return value;
      })
      .finally(() => {
        if (inflight.get(key) === loading) inflight.delete(key);
      });
    inflight.set(key, loading);
    return loading;
  }

  return {
    enabled: ttlMs > 0,
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const raw = await store.get(key);
      if (raw === undefined) {
        parsed.delete(key);
        return loadOnce(key, load);
      }
      const [freshUntil, value] = decode(key, raw);
      // Stale: answer now, refresh behind (a failed refresh keeps the entry until it expires).
      if (now() >= freshUntil) loadOnce(key, load).catch(() => {});
      return value as T;
    },
    async forgetDevice(iotId: string): Promise<void> {
      if (ttlMs <= 0) return;
      epoch++;
      const prefixes = [`device:${part(iotId)}:`, 'bss:QueryOrders:'];
      const dropped = (key: string) => prefixes.some((p) => key.startsWith(p));
      for (const key of inflight.keys()) if (dropped(key)) inflight.delete(key);
      for (const key of parsed.keys()) if (dropped(key)) parsed.delete(key);
      await Promise.all(prefixes.map((p) => store.deletePrefix(p)));
    },
  };
}
