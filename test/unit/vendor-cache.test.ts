/** The shared vendor-read cache's rules, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../../src/caching/memory-cache-store.js';
import { createVendorCache, deviceCacheKey } from '../../src/caching/vendor-cache.js';
import { date, objectCodec, type JsonCodec } from '../../src/domain/json-codec.js';

// Values that are JSON already; the date test names its Date field.
const asIs: JsonCodec<any> = { decode: (json) => json };
const withStartTime = objectCodec<{ startTime: Date | null }>({ startTime: date });

function setup(ttlMs = 1000) {
  let t = 0;
  const now = () => t;
  const cache = createVendorCache(createMemoryCacheStore(1000, now), ttlMs, { now });
  let loads = 0;
  const load = (value: unknown) => async () => {
    loads++;
    return value;
  };
  return { cache, load, loads: () => loads, advance: (ms: number) => (t += ms) };
}
const key = deviceCacheKey('dev-1', 'user:abc', 'cs-orders', '0:50');

describe('vendor cache', () => {
  it('shares one load between concurrent reads and revives dates', async () => {
    const { cache, load, loads } = setup();
    const at = new Date('2025-01-01T00:00:00Z');
    const [a, b] = await Promise.all([
      cache.read(key, withStartTime, load({ startTime: at })),
      cache.read(key, withStartTime, load({ startTime: at })),
    ]);
    expect(loads()).toBe(1);
    expect(a).toEqual(b);
    expect(await cache.read(key, withStartTime, load(null))).toEqual({ startTime: at });
    expect(loads()).toBe(1);
  });

  it('serves a stale entry once while one background load refreshes it', async () => {
    const { cache, load, loads, advance } = setup();
    await cache.read(key, asIs, load('v1'));
    advance(1000);
    expect(await cache.read(key, asIs, load('v2'))).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect(loads()).toBe(2);
    expect(await cache.read(key, asIs, load('v3'))).toBe('v2');
    advance(2000); // past the stale grace: gone
    expect(await cache.read(key, asIs, load('v4'))).toBe('v4');
  });

  it('never stores nulls, and drops a device for every caller', async () => {
    const { cache, load, loads } = setup();
    await cache.read(key, asIs, load(null));
    await cache.read(key, asIs, load(null));
    expect(loads()).toBe(2);
    const other = deviceCacheKey('dev-1', 'admin:xyz', 'cs-orders', '0:50');
    await cache.read(key, asIs, load('a'));
    await cache.read(other, asIs, load('b'));
    await cache.forgetDevice('dev-1');
    expect(await cache.read(key, asIs, load('a2'))).toBe('a2');
    expect(await cache.read(other, asIs, load('b2'))).toBe('b2');
  });

  it('does not store a read that an invalidation overtook', async () => {
    const { cache, load, loads } = setup();
    let release: ((v: string) => void) | undefined;
    const slow = cache.read(key, asIs, () => new Promise<string>((r) => (release = r)));
    while (!release) await new Promise((r) => setImmediate(r)); // the vendor call is under way
    await cache.forgetDevice('dev-1');
    release!('before the write');
    expect(await slow).toBe('before the write');
    // Nothing stored: the next read loads (once), and its answer is kept.
    expect(await cache.read(key, asIs, load('after the write'))).toBe('after the write');
    expect(loads()).toBe(1);
    expect(await cache.read(key, asIs, load('not read'))).toBe('after the write');
    expect(loads()).toBe(1);
  });

  it('reads straight through when the TTL is 0', async () => {
    const { cache, load, loads } = setup(0);
    await cache.read(key, asIs, load('x'));
    await cache.read(key, asIs, load('x'));
    expect(loads()).toBe(2);
    expect(cache.enabled).toBe(false);
  });
});

describe('in-process store generations', () => {
  it('a load begun before an invalidation is refused, also once its scope fell past the cap', async () => {
    const store = createMemoryCacheStore(2);
    const k = deviceCacheKey('dev-1', 'user:abc', 'cs-orders', '0:50');
    const seen = store.get(k);
    expect(seen).toEqual({ value: undefined, generation: 0 });
    await store.invalidate('device:dev-1');
    await store.set(k, 'old', 1000, 0); // began before the write
    expect((store.get(k) as { value?: string }).value).toBeUndefined();
    const now = store.get(k) as { generation: number };
    // Three more scopes written: dev-1's generation is forgotten (cap 2); a load that saw it
    // must still not store.
    for (const id of ['dev-2', 'dev-3', 'dev-4']) await store.invalidate(`device:${id}`);
    await store.set(k, 'old', 1000, now.generation);
    expect((store.get(k) as { value?: string }).value).toBeUndefined();
    const fresh = store.get(k) as { generation: number };
    await store.set(k, 'new', 1000, fresh.generation);
    expect((store.get(k) as { value?: string }).value).toBe('new');
    await store.close();
  });
});
