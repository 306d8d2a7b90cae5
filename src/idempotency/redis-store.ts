/**
 * Idempotency records on Redis, shared by every replica: a purchase retried on another replica
 * finds the first one's record. One hash per key; `claim` is one Lua script, so two replicas can
 * never both own a key. Waiting for a pending record polls (no subscriber connection needed).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from '../redis.js';
import type { ClaimResult, IdempotencyRecord, IdempotencyStore } from './store.js';

// KEYS[1] record; ARGV: fingerprint, ttl ms. Returns {1} (new), {2, fields} (took over an
// `unknown` record), or {0, fields} (someone else's).
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'pending')
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1}
end
local fields = redis.call('HGETALL', KEYS[1])
local r = redis.call('HMGET', KEYS[1], 'fingerprint', 'state')
if r[1] == ARGV[1] and r[2] == 'unknown' then
  redis.call('HSET', KEYS[1], 'state', 'pending')
  return {2, fields}
end
return {0, fields}
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

export function createRedisIdempotencyStore(redis: Redis): IdempotencyStore {
  const k = (key: string) => `idem:${key}`;
  const read = async (key: string) => toRecord(await redis.hgetall(k(key)).then(flatten));

  return {
    async claim(key, fingerprint, ttlMs): Promise<ClaimResult> {
      const [kind, fields] = (await redis.eval(CLAIM, 1, k(key), fingerprint, ttlMs)) as [
        number,
        string[]?,
      ];
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
      await redis.multi().del(k(key)).hset(k(key), fields).pexpire(k(key), ttlMs).exec();
    },
    async release(key) {
      await redis.del(k(key));
    },
    async waitSettled(key, timeoutMs) {
      const giveUpAt = Date.now() + timeoutMs;
      for (let delay = POLL_MIN_MS; ; delay = Math.min(delay * 2, POLL_MAX_MS)) {
        const record = await read(key);
        if (!record || record.state !== 'pending' || Date.now() >= giveUpAt) return record;
        await sleep(Math.min(delay, Math.max(1, giveUpAt - Date.now())));
      }
    },
    // The connection belongs to the gateway, which closes it.
    async close() {},
  };
}

function flatten(hash: Record<string, string>): string[] {
  return Object.entries(hash).flat();
}
