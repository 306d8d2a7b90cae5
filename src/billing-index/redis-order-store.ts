/**
 * The billing index in Redis, shared by every replica (layout 2, docs/billing-index.md "In
 * Redis"): orders in BUCKETS small hashes by a hash of their id (packed-row.ts rows, so each
 * bucket stays listpack-encoded), and the time index as one sorted set per combo of the fields
 * `billingOrders` filters on (each order in exactly one), so a filtered window is the union of
 * the combos that match it: ZCOUNTs and short ranges, never a scan. Writes are one Lua script per
 * batch (an order whose status changed moves between combos atomically).
 * Every command runs through the Redis guard: a lookup that fails is a miss (BSS answers), any
 * other failure is rethrown for its caller to judge (a page is not answered, a sweep stops, a
 * write-through is dropped).
 */
import type { RedisGuard, RedisUnavailableError } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import type { BillingOrder } from '../domain/billing-order.js';
import { decodeLayout1Order } from './codec.js';
import {
  comboCodes,
  comboFields,
  COMBO_BYTES,
  decodeRow,
  dictionaryCodes,
  dictionaryStrings,
  encodeRow,
  packId,
  unpackId,
} from './packed-row.js';
import { createRedisDictionary } from './redis-dictionary.js';
import type { BillingIndexStore, SweepState } from './order-store.js';
import { matchesFilter } from './windows.js';

/**
 * Order buckets: about 61 orders each at 1 M orders, under Redis's default
 * hash-max-listpack-entries (128) up to about 1.5 M (docs/billing-index.md, sizing).
 */
export const BUCKETS = 16_384;

/** What the layout relies on in the server's configuration (its defaults), checked at start. */
export const LISTPACK_NEEDS = { 'hash-max-listpack-entries': 128, 'hash-max-listpack-value': 64 };

/** The index's keys for one account (`account`: a hash, never the AccessKeyId itself). */
export function indexKeys(account: string) {
  const base = `billing-index:v2:${account}:`;
  return {
    base,
    bucket: (n: number) => `${base}o:${n}`,
    combo: (combo: string) => `${base}t:${combo}`,
    combos: `${base}combos`,
    dict: `${base}dict`,
    state: `${base}state`,
    lease: `${base}lease`,
  };
}

/** Layout 1's keys (an orders hash of JSON rows, sorted sets by CreateTime): migrated once. */
export function layout1Keys(account: string) {
  const base = `billing-index:${account}`;
  return [`${base}:orders`, `${base}:created`, `${base}:unpaid`, `${base}:state`] as const;
}

/** FNV-1a of the packed id, to its bucket. */
function bucketOf(id: Buffer): number {
  let h = 0x811c9dc5;
  for (const byte of id) h = Math.imul(h ^ byte, 0x01000193);
  return (h >>> 0) % BUCKETS;
}

/** Orders dropped, or migrated, per round trip. */
const BATCH = 1000;

/** The guard's store label (metrics, the outage log). */
const STORE = 'billing-index';

// KEYS[1] the index's key base; ARGV: bucket, packed id, row, CreateTime ms, … per order. An
// order whose combo (the row's first bytes) changed leaves its old combo's sorted set.
const PUT = `
local base = KEYS[1]
local function hex(s)
  return (string.gsub(s, '.', function(c) return string.format('%02x', string.byte(c)) end))
end
for i = 1, #ARGV, 4 do
  local bucket = base .. 'o:' .. ARGV[i]
  local id, row = ARGV[i + 1], ARGV[i + 2]
  local combo = hex(string.sub(row, 1, ${COMBO_BYTES}))
  local old = redis.call('HGET', bucket, id)
  if old then
    local was = hex(string.sub(old, 1, ${COMBO_BYTES}))
    if was ~= combo then redis.call('ZREM', base .. 't:' .. was, id) end
  end
  redis.call('HSET', bucket, id, row)
  redis.call('ZADD', base .. 't:' .. combo, ARGV[i + 3], id)
  redis.call('SADD', base .. 'combos', combo)
end
return #ARGV / 4
`;

const rethrow = (err: RedisUnavailableError): never => {
  throw err;
};

/** A pipeline's replies, failing on the first error. */
function replies<T>(results: [Error | null, unknown][] | null): T[] {
  return (results ?? []).map(([err, value]) => {
    if (err) throw err;
    return value as T;
  });
}

/** Newest first, ties by id descending (as BSS lists and the SQLite store sorts). */
const newestFirst = (a: Entry, b: Entry) => b.score - a.score || Buffer.compare(b.id, a.id);
interface Entry {
  id: Buffer;
  score: number;
}

export function createRedisIndexStore(
  redis: Redis,
  guard: RedisGuard,
  account: string,
): BillingIndexStore {
  const keys = indexKeys(account);
  const dict = createRedisDictionary(redis, keys.dict);
  const run = <T>(op: string, command: () => Promise<T>) => guard.run(STORE, op, command, rethrow);

  // Commands run inside the guard; decoding runs outside it, so a damaged row is that read's
  // error, not Redis counted as down.

  /** Rows by packed id (null where not held), with the dictionary codes they name loaded. */
  async function rawRows(ids: Buffer[]): Promise<(Buffer | null)[]> {
    if (ids.length === 0) return [];
    const pipe = redis.pipeline();
    for (const id of ids) pipe.hgetBuffer(keys.bucket(bucketOf(id)), id);
    const raw = replies<Buffer | null>(await pipe.exec());
    await dict.load(raw.flatMap((r) => (r ? dictionaryCodes(r) : [])));
    return raw;
  }
  const decoded = (ids: Buffer[], raw: (Buffer | null)[]) =>
    raw.map((r, i) => (r ? decodeRow(unpackId(ids[i]!), r, dict) : undefined));

  /** The combos held, with their product codes loaded. */
  async function rawCombos(): Promise<string[]> {
    const list = await redis.smembers(keys.combos);
    await dict.load(list.flatMap(comboCodes));
    return list;
  }
  const withFields = (list: string[]) =>
    list.map((combo) => ({ combo, fields: comboFields(combo, dict) }));

  async function counts(
    list: string[],
    from: number | string,
    to: number | string,
  ): Promise<number[]> {
    if (list.length === 0) return [];
    const pipe = redis.pipeline();
    for (const c of list) pipe.zcount(keys.combo(c), from, to);
    return replies<number>(await pipe.exec());
  }

  async function put(list: readonly BillingOrder[]) {
    await dict.intern(list.flatMap(dictionaryStrings));
    const args: (string | number | Buffer)[] = [];
    for (const order of list) {
      const id = packId(order.orderId);
      args.push(bucketOf(id), id, encodeRow(order, dict), order.createTime?.getTime() ?? 0);
    }
    await redis.eval(PUT, 1, keys.base, ...args);
  }

  return {
    async get(ids) {
      if (ids.length === 0) return [];
      const packed = ids.map(packId);
      const raw = await guard.run(
        STORE,
        'get',
        () => rawRows(packed),
        () => ids.map(() => null),
      );
      return decoded(packed, raw);
    },
    async put(list) {
      if (list.length > 0) await run('put', () => put(list));
    },
    async page({ from, to }, filter, offset, limit) {
      const matching = withFields(await run('range', rawCombos))
        .filter((c) => matchesFilter(c.fields, filter))
        .map((c) => c.combo);
      const got = await run('range', async () => {
        const pipe = redis.pipeline();
        for (const c of matching) {
          pipe.zcount(keys.combo(c), from, to);
          pipe.zrevrangebyscoreBuffer(
            keys.combo(c),
            to,
            from,
            'WITHSCORES',
            'LIMIT',
            0,
            offset + limit,
          );
        }
        return replies<number | Buffer[]>(await pipe.exec());
      });
      let total = 0;
      const entries: Entry[] = [];
      for (let i = 0; i < got.length; i += 2) {
        total += got[i] as number;
        const range = got[i + 1] as Buffer[];
        for (let k = 0; k < range.length; k += 2)
          entries.push({ id: range[k]!, score: Number(range[k + 1]!.toString()) });
      }
      const ids = entries
        .sort(newestFirst)
        .slice(offset, offset + limit)
        .map((e) => e.id);
      const raw = await run('range', () => rawRows(ids));
      const items = decoded(ids, raw).filter((o): o is BillingOrder => o !== undefined);
      return { offset, pageSize: limit, total, items };
    },
    async summary({ from, to }) {
      const list = withFields(await run('summary', rawCombos));
      const n = await run('summary', () =>
        counts(
          list.map((c) => c.combo),
          from,
          to,
        ),
      );
      let orders = 0;
      let unpaid = 0;
      list.forEach((c, i) => {
        orders += n[i]!;
        if (c.fields.paymentStatus === 'UNPAID') unpaid += n[i]!;
      });
      return { orders, unpaid };
    },
    async state() {
      const raw = await run('state', () => redis.get(keys.state));
      return raw === null ? null : (JSON.parse(raw) as SweepState);
    },
    async setState(state) {
      await run('state', () => redis.set(keys.state, JSON.stringify(state)));
    },
    async dropBefore(cutoff) {
      let dropped = 0;
      for (const combo of await run('drop', () => redis.smembers(keys.combos))) {
        // In batches: a year of orders is not one command's reply.
        for (;;) {
          const ids = await run('drop', () =>
            redis.zrangebyscoreBuffer(keys.combo(combo), '-inf', `(${cutoff}`, 'LIMIT', 0, BATCH),
          );
          if (ids.length === 0) break;
          const multi = redis.multi();
          for (const id of ids) multi.hdel(keys.bucket(bucketOf(id)), id);
          multi.zrem(keys.combo(combo), ...ids);
          await run('drop', () => multi.exec());
          dropped += ids.length;
        }
      }
      return dropped;
    },
    size: () =>
      run('size', async () => {
        const list = await redis.smembers(keys.combos);
        return (await counts(list, '-inf', '+inf')).reduce((a, b) => a + b, 0);
      }),
    bytes: async () => null,
    /**
     * An index written in layout 1 (JSON rows, before the layout was versioned) is copied into
     * this layout once, with its sweep state, then its keys are unlinked: a restart onto the new
     * layout needs no refill. Runs in the lease holder before it sweeps; layout-1 keys found
     * beside a layout-2 index (an old replica still ran) are unlinked.
     */
    async upgrade() {
      const [ordersKey, , , stateKey] = layout1Keys(account);
      const [current, old] = await run('upgrade', () =>
        Promise.all([redis.exists(keys.state), redis.get(stateKey)]),
      );
      if (old === null) return 0;
      if (current) {
        // Written again by a replica of the old version after the move (a rolling deploy).
        await run('upgrade', () => redis.unlink(...layout1Keys(account)));
        return 0;
      }
      let cursor = '0';
      let moved = 0;
      do {
        const [next, flat] = await run('upgrade', () =>
          redis.hscan(ordersKey, cursor, 'COUNT', BATCH),
        );
        cursor = next;
        const batch: BillingOrder[] = [];
        for (let i = 0; i < flat.length; i += 2)
          batch.push(decodeLayout1Order(flat[i]!, flat[i + 1]!));
        if (batch.length > 0) await run('upgrade', () => put(batch));
        moved += batch.length;
      } while (cursor !== '0');
      await run('upgrade', () => redis.set(keys.state, old));
      await run('upgrade', () => redis.unlink(...layout1Keys(account)));
      return moved;
    },
    // The connection is the gateway's, closed with it.
    close: async () => {},
  };
}

/**
 * What in the server's configuration would undo the layout's compact encoding (LISTPACK_NEEDS
 * lowered): one line each, for the start's log. A server that refuses CONFIG (managed Redis)
 * yields one line saying what to check.
 */
export async function listpackWarnings(redis: Redis): Promise<string[]> {
  const warnings: string[] = [];
  for (const [name, needed] of Object.entries(LISTPACK_NEEDS)) {
    let value: number;
    try {
      const reply = (await redis.config('GET', name)) as string[];
      value = Number(reply[1]);
    } catch {
      const needs = Object.entries(LISTPACK_NEEDS).map(([n, v]) => `${n} ≥ ${v}`);
      return [
        `billing index: CONFIG GET refused; the Redis layout assumes ${needs.join(', ')} (the defaults)`,
      ];
    }
    if (!(value >= needed))
      warnings.push(
        `billing index: Redis ${name} is ${value}, under ${needed}: order buckets lose their compact encoding (several times the memory; docs/billing-index.md)`,
      );
  }
  return warnings;
}
