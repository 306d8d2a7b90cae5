/**
 * The short-TTL cache of vendor reads shared across requests: JSON strings behind a
 * `CacheStore`, keyed by the scope a mutation invalidates, then the caller, then the read, so a
 * caller is only ever served what the vendor answered that same caller.
 */
import type { JsonCodec } from '../domain/json-codec.js';
import type { CacheLookup, CacheStore } from './cache-store.js';
import { allReady, whenReady, type MaybePromise } from '../domain/maybe-promise.js';

/**
 * What one request read through the cache, so its whole response can be reused for as long as
 * every entry it was built from still holds the same value (response-cache.ts).
 */
export interface ReadTracker {
  /** An entry answered as stored (`raw`: the stored bytes), fresh or stale. */
  used(key: string, raw: string): void;
  /** Anything else (a miss, a read past the cache): not reusable. */
  untracked(): void;
}

export interface VendorCache {
  /** False when the TTL is 0: every read goes to the vendor. */
  readonly enabled: boolean;
  /**
   * The cached answer for `key` (decoded from its JSON by `codec`), else `load()` (one in-process
   * load per key at a time, shared by concurrent requests). Past its TTL an entry is still served,
   * for at most one more TTL, while one background load refreshes it. Failures and nulls are never
   * stored.
   */
  read<T>(
    key: string,
    codec: JsonCodec<T>,
    load: () => Promise<T>,
    tracker?: ReadTracker,
  ): Promise<T>;
  /**
   * `read`, but a hit in a store that answers synchronously (the in-process one) is returned as
   * the value itself: a warm dashboard makes hundreds of reads, and each promise and microtask
   * shows in its profile. Misses, and every read from Redis, are promises as in `read`.
   */
  readNow<T>(
    key: string,
    codec: JsonCodec<T>,
    load: () => Promise<T>,
    tracker?: ReadTracker,
  ): MaybePromise<T>;
  /**
   * Whether every entry (key → stored bytes, as a tracker saw them) still holds the same value
   * (a refresh that brought the same answer keeps it; an invalidation or a changed answer does
   * not), and is fresh or being refreshed: then whatever was computed from them would be computed
   * the same way again, and a stale entry's refresh is not left to nobody. An entry refreshed to
   * the same value is recorded in `deps` with its new bytes, so the next check is an identity test.
   */
  current(deps: Map<string, string>): MaybePromise<boolean>;
  /** After a write to a device: drop what every caller has cached about it, and billing lists. */
  forgetDevice(iotId: string): Promise<void>;
}

// Ids go into keys encoded (no `:`), so a key's scope is what precedes its second `:`.
const deviceScope = (iotId: string) => `device:${encodeURIComponent(iotId)}`;
// BillingIndex: an order's list fields read through the billing index (docs/billing-index.md).
type BssApi = 'QueryOrders' | 'GetOrderDetail' | 'BillingIndex';
const bssScope = (api: BssApi) => `bss:${api}`;

/** `device:<iotId>:<callerKey>:<api>:<what>`: dropped per device, for every caller. */
export function deviceCacheKey(iotId: string, callerKey: string, api: string, what: string) {
  return `${deviceScope(iotId)}:${callerKey}:${api}:${what}`;
}

/**
 * `bindings:<callerKey>:list:<what>`: a user's binding list is theirs alone (the caller key is
 * the scope, so a write that changes bindings can drop one user's list).
 */
export function bindingCacheKey(callerKey: string, what: string) {
  return `bindings:${encodeURIComponent(callerKey)}:list:${what}`;
}

/** `bss:<api>:<callerKey>:<what>`: BSS lists are dropped together when a purchase adds an order. */
export function bssCacheKey(api: BssApi, callerKey: string, what: string) {
  return `${bssScope(api)}:${callerKey}:${what}`;
}

export interface VendorCacheOptions {
  now?: () => number;
  /** A background refresh of a stale entry failed; the entry is served until it expires. */
  onRefreshFailure?: (err: unknown) => void;
}

/** Stored as `[freshUntil, value]`; the store keeps it for two TTLs (the stale grace). */
type Entry = [freshUntil: number, value: unknown];

/** A stored entry's value, as bytes: what `[freshUntil,` is followed by. */
const valueBytes = (raw: string) => raw.slice(raw.indexOf(',') + 1);
/** A stored entry's `freshUntil`, read without parsing its value. */
const freshUntilOf = (raw: string) => Number(raw.slice(1, raw.indexOf(',')));

/** Parsed entries remembered per key, reused while the store still holds the same bytes. */
const MAX_PARSED = 20_000;

export function createVendorCache(
  store: CacheStore,
  ttlMs: number,
  options: VendorCacheOptions = {},
): VendorCache {
  const now = options.now ?? Date.now;
  // Loads under way, by generation and key: a lookup after a write (a new generation) never
  // joins a load that began before it.
  const inflight = new Map<string, Promise<unknown>>();
  const inflightKey = (key: string, generation: number | null) => `${generation}\n${key}`;
  // Parsing dominated the warm dashboard's profile: the store stays the source of truth (so
  // invalidation from any replica holds), and only a changed value is parsed again.
  const parsed = new Map<string, { raw: string; entry: Entry }>();

  function decode(key: string, raw: string, codec: JsonCodec<unknown>): Entry {
    const known = parsed.get(key);
    if (known && known.raw === raw) return known.entry;
    const entry = JSON.parse(raw) as Entry;
    entry[1] = codec.decode(entry[1]);
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, { raw, entry });
    return entry;
  }

  /**
   * One load per key and generation at a time; its result is stored under the generation its
   * lookup saw (the store refuses it if an invalidation came since), not at all if unknown.
   */
  function loadOnce<T>(key: string, generation: number | null, load: () => Promise<T>): Promise<T> {
    const id = inflightKey(key, generation);
    const pending = inflight.get(id);
    if (pending) return pending as Promise<T>;
    const loading = load()
      .then(async (value) => {
        if (value !== null && generation !== null) {
          const entry: Entry = [now() + ttlMs, value];
          await store.set(key, JSON.stringify(entry), 2 * ttlMs, generation);
        }
        return value;
      })
      .finally(() => {
        if (inflight.get(id) === loading) inflight.delete(id);
      });
    inflight.set(id, loading);
    return loading;
  }

  /** A stored entry (or none) to the answer: a miss loads, a stale entry refreshes behind. */
  function answer<T>(
    key: string,
    found: CacheLookup,
    codec: JsonCodec<T>,
    load: () => Promise<T>,
    tracker: ReadTracker | undefined,
  ): MaybePromise<T> {
    const raw = found.value;
    if (raw === undefined) {
      tracker?.untracked();
      parsed.delete(key);
      return loadOnce(key, found.generation, load);
    }
    const [freshUntil, value] = decode(key, raw, codec);
    // Stale: answer now, refresh behind (a failed refresh keeps the entry until it expires).
    if (now() >= freshUntil) {
      loadOnce(key, found.generation, load).catch((err: unknown) =>
        options.onRefreshFailure?.(err),
      );
    }
    tracker?.used(key, raw);
    return value as T;
  }

  function readNow<T>(
    key: string,
    codec: JsonCodec<T>,
    load: () => Promise<T>,
    tracker?: ReadTracker,
  ): MaybePromise<T> {
    try {
      if (ttlMs <= 0) {
        tracker?.untracked();
        return load();
      }
      return whenReady(store.get(key), (found) => answer(key, found, codec, load, tracker));
    } catch (err) {
      return Promise.reject(err); // as from an async function: failures are rejections
    }
  }

  /** See `current`: same value as `raw`, and fresh or with its refresh under way. */
  function stands(
    deps: Map<string, string>,
    key: string,
    raw: string,
    found: CacheLookup,
    t: number,
  ): boolean {
    const stored = found.value;
    if (stored === undefined) return false;
    if (stored !== raw) {
      if (valueBytes(stored) !== valueBytes(raw)) return false;
      deps.set(key, stored); // same value, new freshness: compare by identity from now on
    }
    return t < freshUntilOf(stored) || inflight.has(inflightKey(key, found.generation));
  }

  return {
    enabled: ttlMs > 0,
    read<T>(
      key: string,
      codec: JsonCodec<T>,
      load: () => Promise<T>,
      tracker?: ReadTracker,
    ): Promise<T> {
      return Promise.resolve(readNow(key, codec, load, tracker));
    },
    readNow,
    current(deps) {
      if (ttlMs <= 0) return false;
      const t = now();
      const verdicts: MaybePromise<boolean>[] = [];
      for (const [key, raw] of deps) {
        const verdict = whenReady(store.get(key), (stored) => stands(deps, key, raw, stored, t));
        if (verdict === false) return false; // one entry at hand that no longer stands settles it
        verdicts.push(verdict);
      }
      return whenReady(allReady(verdicts), (all) => all.every(Boolean));
    },
    async forgetDevice(iotId: string): Promise<void> {
      if (ttlMs <= 0) return;
      await Promise.all([
        store.invalidate(deviceScope(iotId)),
        store.invalidate(bssScope('QueryOrders')),
      ]);
    },
  };
}
