/**
 * `npm run bench:invalidation`: what one write's cache invalidation costs with many cache keys in
 * Redis (see BENCHMARKS.md "Invalidation on Redis"). A real redis-server holds `--keys` entries
 * (default 100 000) spread over `--devices` devices; each round invalidates one device as a
 * purchase does (its scope and the BSS order lists), timed:
 *   - before: SCAN MATCH over the keyspace by prefix, UNLINK what matched (the old store);
 *   - after: the generation store (src/caching/redis-cache-store.ts), one INCR per scope.
 *   npm run bench:invalidation -- --keys 100000 --devices 1000 --rounds 20
 */
import { parseArgs } from 'node:util';
import { createRedisCacheStore } from '../../src/caching/redis-cache-store.js';
import { deviceCacheKey } from '../../src/caching/vendor-cache.js';
import { createLogger } from '../../src/ops/logger.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { closeRedis, createRedis, KEY_PREFIX, type Redis } from '../../src/ops/redis.js';
import { startRedis } from '../integration/ops-support.js';

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '100000' },
    devices: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '20' },
  },
});
const keys = Number(values.keys);
const devices = Number(values.devices);
const rounds = Number(values.rounds);
const iotId = (i: number) => `bench-device-${i}`;
const TTL_MS = 600_000;

/** The store's SCAN-based deletePrefix, as it was, for the "before" figures. */
async function scanDelete(redis: Redis, prefix: string): Promise<number> {
  const match = `${(KEY_PREFIX + 'cache:' + prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  let roundTrips = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
    roundTrips++;
    cursor = next;
    if (found.length > 0) await redis.unlink(...found.map((k) => k.slice(KEY_PREFIX.length)));
  } while (cursor !== '0');
  return roundTrips;
}

async function fill(redis: Redis, key: (i: number) => string) {
  for (let i = 0; i < keys; i += 1000) {
    const batch = redis.pipeline();
    for (let j = i; j < Math.min(keys, i + 1000); j++) batch.set(key(j), 'x', 'PX', TTL_MS);
    await batch.exec();
  }
}

/** Mean of LOOKUPS sequential lookups (one round trip each), in µs. */
const LOOKUPS = 5_000;
async function timeLookups(get: (j: number) => unknown): Promise<string> {
  const started = performance.now();
  for (let j = 0; j < LOOKUPS; j++) await get((j * 7919) % keys);
  return `${(((performance.now() - started) / LOOKUPS) * 1000).toFixed(0)} µs`;
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((x, y) => x - y);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
};

const server = await startRedis();
const redis = createRedis(server.url, 5_000);
try {
  const key = (j: number) =>
    deviceCacheKey(iotId(j % devices), 'user:bench', 'cs-orders', String(j));

  await fill(redis, (j) => `cache:${key(j)}`);
  const before: number[] = [];
  let trips = 0;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    trips += await scanDelete(redis, `device:${iotId(r)}:`);
    trips += await scanDelete(redis, 'bss:QueryOrders:');
    before.push(performance.now() - started);
  }
  const getsBefore = await timeLookups((j) => redis.get(`cache:${key(j)}`));
  await redis.flushdb();

  const guard = guardRedis(redis, { logger: createLogger('silent') });
  const store = createRedisCacheStore(redis, guard, TTL_MS);
  await fill(redis, (j) => `cache:0:${key(j)}`);
  await store.invalidate('bench-warm-up'); // loads the script; not a write's cost
  const after: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await store.invalidate(`device:${iotId(r)}`);
    await store.invalidate('bss:QueryOrders');
    after.push(performance.now() - started);
  }
  const getsAfter = await timeLookups((j) => store.get(key(j)));
  const dbsize = await redis.dbsize();
  await store.close();

  console.log(
    `${keys} cache keys over ${devices} devices in Redis (${dbsize} keys at the end), ${rounds} writes:`,
  );
  console.log(
    `  before (SCAN + UNLINK by prefix): ${stats(before)}; ${trips / rounds} round trips per write`,
  );
  console.log(
    `  a lookup before (GET): ${getsBefore}; after (one script, generation and entry): ${getsAfter}`,
  );
  console.log(`  after (generation INCR):          ${stats(after)}; 2 round trips per write`);
} finally {
  await closeRedis(redis);
  await server.stop();
}
