/**
 * Idempotency records on Redis, shared by every replica: a purchase retried on another replica
 * finds the first one's record. One hash per key; `claim` is one Lua script, so two replicas can
 * never both own a key. Waiting for a pending record polls (no subscriber connection needed).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisGuard } from '../ops/redis-guard.js';
import { LUA_NOW_MS, type Redis } from '../ops/redis.js';
import {
  IdempotencyUnavailableError,
  type ClaimResult,
  type IdempotencyRecord,
  type IdempotencyStore,
} from './idempotency-store.js';

// KEYS[1] record; ARGV: fingerprint, ttl ms, lease ms. Returns {1} (new), {2, fields} (took over
// an `unknown` record or an abandoned `pending` one), or {0, fields} (someone else's). Leases
// are on Redis's clock, so replicas with skewed clocks agree.
const CLAIM = `${LUA_NOW_MS}
local lease = now + tonumber(ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'pending', 'leaseUntil', lease)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1}
end
local fields = redis.call('HGETALL', KEYS[1])
local r = redis.call('HMGET', KEYS[1], 'fingerprint', 'state', 'leaseUntil')
local abandoned = r[2] == 'pending' and r[3] and tonumber(r[3]) <= now
if r[1] == ARGV[1] and (r[2] == 'unknown' or abandoned) then
  redis.call('HSET', KEYS[1], 'state', 'pending', 'leaseUntil', lease)
  return {2, fields}
end
return {0, fields}
`;

// KEYS[1] record; ARGV: context, lease ms. Only a pending record is annotated.
const BEGIN_WRITE = `${LUA_NOW_MS}
if redis.call('HGET', KEYS[1], 'state') == 'pending' then
  redis.call('HSET', KEYS[1], 'context', ARGV[1], 'leaseUntil', now + tonumber(ARGV[2]))
end
`;

const POLL_MIN_MS = 25;
const POLL_MAX_MS = 250;

function toRecord(fields: string[]): IdempotencyRecord | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const fingerprint = map.get('fingerprint');
  const state = map.get('state');
  if (
    fingerprint === undefined ||
    (state !== 'pending' && state !== 'done' && state !== 'unknown')
  ) {
    return null;
  }
  const record: IdempotencyRecord = { fingerprint, state };
  const result = map.get('result');
  const context = map.get('context');
  if (result !== undefined) record.result = result;
  if (context !== undefined) record.context = context;
  return record;
}

/**
 * Every command fails with IdempotencyUnavailableError while Redis is down or slow: without the
 * record nobody can tell whether the key was used, so the write does not go on (idempotent.ts).
 */
export function createRedisIdempotencyStore(redis: Redis, guard: RedisGuard): IdempotencyStore {
  const k = (key: string) => `idem:${key}`;
  const run = <T>(op: string, command: () => Promise<T>) =>
    guard.run('idempotency', op, command, (err) => {
      throw new IdempotencyUnavailableError(err);
    });
  const read = async (key: string) =>
    toRecord(flatten(await run('read', () => redis.hgetall(k(key)))));

  return {
    async claim(key, fingerprint, ttlMs, leaseMs): Promise<ClaimResult> {
      const [kind, fields] = (await run('claim', () =>
        redis.eval(CLAIM, 1, k(key), fingerprint, ttlMs, leaseMs),
      )) as [number, string[]?];
      if (kind === 1) return { claimed: true, previous: null };
      const record = toRecord(fields ?? []);
      if (!record) throw new Error(`idempotency record ${key} is unreadable`);
      return kind === 2 ? { claimed: true, previous: record } : { claimed: false, record };
    },
    async settle(key, record, ttlMs) {
      const fields: Record<string, string> = {
        fingerprint: record.fingerprint,
        state: record.state,
      };
      if (record.result !== undefined) fields.result = record.result;
      if (record.context !== undefined) fields.context = record.context;
      await run('settle', () =>
        redis.multi().del(k(key)).hset(k(key), fields).pexpire(k(key), ttlMs).exec(),
      );
    },
    async beginWrite(key, context, leaseMs) {
      await run('beginWrite', () => redis.eval(BEGIN_WRITE, 1, k(key), context, leaseMs));
    },
    async release(key) {
      await run('release', () => redis.del(k(key)));
    },
    async waitSettled(key, timeoutMs, signal) {
      const giveUpAt = Date.now() + timeoutMs;
      for (let delay = POLL_MIN_MS; ; delay = Math.min(delay * 2, POLL_MAX_MS)) {
        const record = await read(key);
        if (!record || record.state !== 'pending' || Date.now() >= giveUpAt || signal?.aborted) {
          return record;
        }
        // An abort ends the pause early; the loop then answers the record as it stands.
        await sleep(Math.min(delay, Math.max(1, giveUpAt - Date.now())), undefined, {
          signal,
        }).catch(() => {});
      }
    },
    // The connection belongs to the gateway, which closes it.
    async close() {},
  };
}

function flatten(hash: Record<string, string>): string[] {
  return Object.entries(hash).flat();
}
