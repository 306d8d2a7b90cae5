/**
 * The dictionary of the Redis index's few-valued strings (product codes and types, commodity
 * codes, currencies): each string gets a small code, assigned once in Redis for every replica and
 * never reused, so a row names `linkvisual_cloudstorage_pre` in two bytes. Writers intern their
 * strings through Redis on every write (so a row never holds a code Redis lacks); readers cache
 * codes for the process's life (docs/billing-index.md: a Redis flushed under running replicas
 * needs them restarted).
 */
import type { Redis } from '../ops/redis.js';
import type { Dictionary } from './packed-row.js';

// KEYS[1] the dictionary hash; ARGV the strings. Their codes, in order.
const INTERN = `
local codes = {}
for i, v in ipairs(ARGV) do
  local c = redis.call('HGET', KEYS[1], 's:' .. v)
  if not c then
    c = redis.call('HINCRBY', KEYS[1], 'next', 1)
    if c > 65535 then return redis.error_reply('billing index dictionary full') end
    redis.call('HSET', KEYS[1], 's:' .. v, c, 'c:' .. c, v)
  end
  codes[i] = tonumber(c)
end
return codes
`;

export interface RedisDictionary extends Dictionary {
  /** Interns the strings (in Redis), so `code` knows them. */
  intern(values: readonly string[]): Promise<void>;
  /** Loads the codes not known yet, so `value` knows those Redis has. */
  load(codes: readonly number[]): Promise<void>;
}

export function createRedisDictionary(redis: Redis, key: string): RedisDictionary {
  const codes = new Map<string, number>();
  const values = new Map<number, string>();
  const learn = (value: string, code: number) => {
    codes.set(value, code);
    values.set(code, value);
  };
  return {
    code(value) {
      const c = codes.get(value);
      if (c === undefined) throw new Error(`billing index dictionary: "${value}" not interned`);
      return c;
    },
    value(code) {
      const v = values.get(code);
      if (v === undefined) throw new Error(`billing index dictionary: no code ${code}`);
      return v;
    },
    async intern(list) {
      const distinct = [...new Set(list)];
      if (distinct.length === 0) return;
      const got = (await redis.eval(INTERN, 1, key, ...distinct)) as number[];
      distinct.forEach((v, i) => learn(v, got[i]!));
    },
    async load(list) {
      const missing = [...new Set(list)].filter((c) => !values.has(c));
      if (missing.length === 0) return;
      const got = await redis.hmget(key, ...missing.map((c) => `c:${c}`));
      // A code Redis lacks stays unknown: `value` throws for it (a damaged index, not Redis down).
      missing.forEach((c, i) => {
        const v = got[i];
        if (v !== null && v !== undefined) learn(v, c);
      });
    },
  };
}
