/**
 * A pending idempotency record whose owner died (a crashed replica): once its lease passes, a
 * retry takes it over; if the dead owner had begun the vendor write, the retry reconciles with the
 * context it recorded instead of writing again; if not, the write is simply done.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/memory-idempotency-store.js';
import { PENDING_LEASE_MS } from '../../src/idempotency/idempotency-store.js';
import { runIdempotentWrite } from '../../src/mutations/idempotent.js';

const TTL = 60_000;
const LEASE = 1_000;

describe('idempotency store leases', () => {
  it('a live owner keeps its key; a dead one loses it when its lease passes', async () => {
    let t = 0;
    const store = createMemoryIdempotencyStore(() => t);
    expect(await store.claim('k', 'fp', TTL, LEASE)).toEqual({ claimed: true, previous: null });
    t = 999;
    expect(await store.claim('k', 'fp', TTL, LEASE)).toMatchObject({ claimed: false });
    await store.beginWrite('k', '{"before":[]}', LEASE); // renews until 1999
    t = 1_500;
    expect(await store.claim('k', 'fp', TTL, LEASE)).toMatchObject({ claimed: false });
    expect(await store.claim('k', 'other input', TTL, LEASE)).toMatchObject({ claimed: false });
    t = 2_000;
    expect(await store.claim('k', 'other input', TTL, LEASE)).toMatchObject({ claimed: false });
    expect(await store.claim('k', 'fp', TTL, LEASE)).toEqual({
      claimed: true,
      previous: { fingerprint: 'fp', state: 'pending', context: '{"before":[]}' },
    });
    // The new owner holds a fresh lease.
    t = 2_500;
    expect(await store.claim('k', 'fp', TTL, LEASE)).toMatchObject({ claimed: false });
    await store.close();
  });
});

describe('a retry after the owner died', () => {
  /** A vendor that makes an order per write; `hang` leaves the attempt hanging, as a dead replica. */
  function scenario() {
    let t = 0;
    const store = createMemoryIdempotencyStore(() => t);
    const orders: string[] = [];
    const calls = { prepare: 0, write: 0, reconcile: [] as unknown[] };
    const run = (hang: 'prepare' | 'after-write' | 'no') =>
      runIdempotentWrite<string>(
        {
          store,
          scope: 'caller:purchase',
          key: 'key-1',
          input: { plan: 'p1' },
          // Plain strings, not orders: nothing to publish.
          live: { changed: () => {} },
          changed: () => [],
          prepare: async () => {
            calls.prepare++;
            if (hang === 'prepare') await new Promise(() => {});
            return { before: [...orders] };
          },
          write: async () => {
            calls.write++;
            orders.push(`order-${orders.length + 1}`);
            if (hang === 'after-write') await new Promise(() => {});
            return orders.at(-1)!;
          },
          reconcile: async (context) => {
            calls.reconcile.push(context);
            const before = (context as { before: string[] }).before;
            return orders.find((o) => !before.includes(o)) ?? null;
          },
        },
        { decode: (json) => json as string },
      );
    return { store, orders, calls, run, advance: (ms: number) => (t += ms) };
  }

  it('reconciles instead of writing again when the dead owner had begun the write', async () => {
    const s = scenario();
    void s.run('after-write'); // the vendor made order-1, then the replica died
    await new Promise((r) => setTimeout(r, 10));
    s.advance(PENDING_LEASE_MS + 1);
    expect(await s.run('no')).toBe('order-1');
    expect(s.orders).toEqual(['order-1']);
    expect(s.calls.write).toBe(1);
    expect(s.calls.reconcile).toEqual([{ before: [] }]);
    expect(await s.run('no')).toBe('order-1'); // and replays it from now on
    await s.store.close();
  });

  it('writes once when the dead owner never reached the vendor', async () => {
    const s = scenario();
    void s.run('prepare');
    await new Promise((r) => setTimeout(r, 10));
    s.advance(PENDING_LEASE_MS + 1);
    expect(await s.run('no')).toBe('order-1');
    expect(s.calls).toMatchObject({ prepare: 2, write: 1, reconcile: [] });
    await s.store.close();
  });
});
