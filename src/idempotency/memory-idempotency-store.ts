/** The in-process idempotency store: one replica, records expire after their TTL. */
import type { ClaimResult, IdempotencyRecord, IdempotencyStore } from './idempotency-store.js';

interface Entry {
  record: IdempotencyRecord;
  expiresAt: number;
  waiters: ((r: IdempotencyRecord | null) => void)[];
}

export function createMemoryIdempotencyStore(now: () => number = Date.now): IdempotencyStore {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const wake = (e: Entry, r: IdempotencyRecord | null) => {
    for (const w of e.waiters.splice(0)) w(r);
  };
  // Expired records are dropped lazily; a periodic sweep keeps memory bounded.
  const sweep = setInterval(() => {
    for (const key of entries.keys()) live(key);
  }, 60_000);
  sweep.unref();

  return {
    async claim(key, fingerprint, ttlMs, leaseMs): Promise<ClaimResult> {
      const e = live(key);
      const t = now();
      if (!e) {
        entries.set(key, {
          record: { fingerprint, state: 'pending', leaseUntil: t + leaseMs },
          expiresAt: t + ttlMs,
          waiters: [],
        });
        return { claimed: true, previous: null };
      }
      const { record } = e;
      const abandoned = record.state === 'pending' && (record.leaseUntil ?? Infinity) <= t;
      if (record.fingerprint === fingerprint && (record.state === 'unknown' || abandoned)) {
        const { leaseUntil: _lease, ...previous } = record;
        e.record = { ...previous, state: 'pending', leaseUntil: t + leaseMs };
        return { claimed: true, previous };
      }
      return { claimed: false, record };
    },
    async beginWrite(key, context, leaseMs) {
      const e = live(key);
      if (e?.record.state === 'pending') {
        e.record = { ...e.record, context, leaseUntil: now() + leaseMs };
      }
    },
    async settle(key, record, ttlMs) {
      const e = live(key);
      const waiters = e?.waiters ?? [];
      const next: Entry = { record, expiresAt: now() + ttlMs, waiters: [] };
      entries.set(key, next);
      for (const w of waiters.splice(0)) w(record);
    },
    async release(key) {
      const e = entries.get(key);
      entries.delete(key);
      if (e) wake(e, null);
    },
    waitSettled(key, timeoutMs, signal) {
      const e = live(key);
      if (!e || e.record.state !== 'pending' || signal?.aborted) {
        return Promise.resolve(e?.record ?? null);
      }
      return new Promise((resolve) => {
        const done = (r: IdempotencyRecord | null) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', stop);
          const i = e.waiters.indexOf(done);
          if (i >= 0) e.waiters.splice(i, 1);
          resolve(r);
        };
        const stop = () => done(e.record);
        const timer = setTimeout(stop, timeoutMs);
        signal?.addEventListener('abort', stop, { once: true });
        e.waiters.push(done);
      });
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
