/**
 * The billing index's SQLite file (docs/billing-index.md, storage): what a restart finds in it,
 * an older schema migrated in place, and files it must not open (corrupt, another application's,
 * a newer schema) refused with their path, never wiped.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSqliteIndexStore,
  MIGRATIONS,
  StoreFileError,
} from '../../src/billing-index/sqlite-order-store.js';
import type { BillingOrder, BillingOrderFilter } from '../../src/domain/billing-order.js';
import { matchesFilter } from '../../src/billing-index/windows.js';
import { tempDataDir } from '../gateway-config.js';
import { billingOrder } from '../unit/domain-samples.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const STATUSES = ['PAID', 'UNPAID', 'CANCELLED', null] as const;

/** Orders a few per second with varied filter fields (ties on CreateTime included). */
const orders: BillingOrder[] = Array.from({ length: 3_000 }, (_, i) => ({
  ...billingOrder,
  subOrders: [], // the index holds list fields
  orderId: `o-${String((i * 7919) % 100_000).padStart(6, '0')}`,
  createTime: new Date(T0 + Math.floor(i / 3) * 1000),
  productCode: i % 4 === 0 ? 'ecs' : 'linkvisual',
  paymentStatus: STATUSES[i % 4]!,
  orderType: i % 5 === 0 ? 'REFUND' : 'RENEW',
  pretaxAmount: i % 9 === 0 ? null : { amount: `${i}.50`, currency: 'CNY' },
}));

const newestFirst = (a: BillingOrder, b: BillingOrder) =>
  b.createTime!.getTime() - a.createTime!.getTime() ||
  (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0);

const state = {
  from: T0,
  to: T0 + 1000_000,
  backCursor: T0,
  backSpanMs: 3_600_000,
  fullSweepAt: T0,
  unpaidFrom: T0 + 5_000,
};

describe('the SQLite index store', () => {
  it('answers windows, filters and offsets as an oracle over the same orders does', async () => {
    const store = createSqliteIndexStore({ path: ':memory:' });
    for (let i = 0; i < orders.length; i += 500) await store.put(orders.slice(i, i + 500));
    const filters: BillingOrderFilter[] = [
      {},
      { paymentStatus: 'UNPAID' },
      { productCode: 'ecs', orderType: 'REFUND' },
      { productCode: 'linkvisual', paymentStatus: 'PAID' },
    ];
    const windows = [
      { from: T0, to: T0 + 999_000 },
      { from: T0 + 100_000, to: T0 + 100_000 }, // one second: its three orders, by id
      { from: T0 + 250_000, to: T0 + 600_000 },
    ];
    for (const filter of filters) {
      for (const window of windows) {
        const expected = orders
          .filter((o) => o.createTime!.getTime() >= window.from)
          .filter((o) => o.createTime!.getTime() <= window.to && matchesFilter(o, filter))
          .sort(newestFirst);
        for (const [offset, limit] of [
          [0, 20],
          [37, 20],
          [expected.length - 5, 20],
        ] as const) {
          const page = await store.page(window, filter, Math.max(0, offset), limit);
          expect(page.total).toBe(expected.length);
          expect(page.items).toEqual(expected.slice(Math.max(0, offset), offset + limit));
        }
      }
    }
    const held = await store.summary({ from: T0, to: T0 + 999_000 });
    expect(held).toEqual({ orders: 3_000, unpaid: 750 });
    await store.close();
  });

  it('keeps the orders and the sweep state across a close and a reopen', async () => {
    const path = join(tempDataDir(), 'index.sqlite');
    const first = createSqliteIndexStore({ path });
    await first.put(orders);
    await first.setState(state);
    await first.close();
    const again = createSqliteIndexStore({ path });
    expect(await again.state()).toEqual(state);
    expect(await again.size()).toBe(orders.length);
    expect(await again.get([orders[7]!.orderId])).toEqual([orders[7]]);
    expect(await again.bytes()).toBeGreaterThan(100 * orders.length);
    await again.close();
  });

  it("counts the orders it holds through its own writes and another connection's", async () => {
    const path = join(tempDataDir(), 'index.sqlite');
    const store = createSqliteIndexStore({ path });
    await store.put(orders.slice(0, 1_000));
    expect(await store.size()).toBe(1_000);
    // Orders held already (a re-swept page) and repeated in one page count once.
    await store.put([...orders.slice(900, 1_200), orders[1_100]!]);
    expect(await store.size()).toBe(1_200);
    const cutoff = orders[300]!.createTime!.getTime();
    const dropped = await store.dropBefore(cutoff);
    expect(dropped).toBeGreaterThan(0);
    expect(await store.size()).toBe(1_200 - dropped);
    // Another process on the same file (WAL): its commit is seen.
    const other = new Database(path);
    other.prepare('DELETE FROM orders WHERE id = ?').run(orders[1_000]!.orderId);
    other.close();
    expect(await store.size()).toBe(1_199 - dropped);
    const oracle = new Database(path, { readonly: true });
    expect(oracle.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(1_199 - dropped);
    oracle.close();
    await store.close();
  });

  it('migrates a file of an older schema version, keeping its orders', async () => {
    const path = join(tempDataDir(), 'index.sqlite');
    const old = createSqliteIndexStore({ path, version: 1 });
    await old.put(orders);
    await old.setState(state);
    await old.close();
    const indexes = () => {
      const db = new Database(path, { readonly: true });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'orders_%'")
        .pluck()
        .all();
      const version = db.pragma('user_version', { simple: true });
      db.close();
      return { names: (names as string[]).sort(), version };
    };
    expect(indexes()).toEqual({ names: ['orders_created'], version: 1 });
    const store = createSqliteIndexStore({ path });
    expect(indexes()).toEqual({
      names: ['orders_created', 'orders_product', 'orders_status', 'orders_type'],
      version: MIGRATIONS.length,
    });
    expect(await store.state()).toEqual(state);
    expect(await store.size()).toBe(orders.length);
    await store.close();
  });

  it('refuses a damaged file, another application’s database and a newer schema, naming the path and leaving the file as it was', () => {
    const dir = tempDataDir();
    const damaged = join(dir, 'damaged.sqlite');
    writeFileSync(damaged, 'this is not a database, just some text '.repeat(200));
    const foreign = join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const newer = join(dir, 'newer.sqlite');
    createSqliteIndexStore({ path: newer }).close();
    const bump = new Database(newer);
    bump.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    bump.close();
    for (const [path, reason] of [
      [damaged, /not an SQLite database or damaged/],
      [foreign, /not a subgate billing index/],
      [newer, /is newer than this subgate's/],
    ] as const) {
      const before = readFileSync(path);
      let error: unknown;
      try {
        createSqliteIndexStore({ path });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(StoreFileError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(reason);
      expect(readFileSync(path).equals(before), path).toBe(true);
    }
  });
});
