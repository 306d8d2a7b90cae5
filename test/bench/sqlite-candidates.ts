/**
 * The two SQLite drivers considered for the billing index (docs/billing-index.md, storage):
 * better-sqlite3 and Node's own node:sqlite (Node 22.13+ and 24 only), on the index's schema
 * (sqlite-order-store.ts MIGRATIONS) and its statements: 100 000 orders put 20 a transaction (a
 * sweep page each), then a month's window, first 20 and its count, p50 over 200 windows; and the
 * file's size. Run under each Node line: `node --import tsx test/bench/sqlite-candidates.ts`
 * (`BETTER_SQLITE3_BINDING`: the addon built for that line's ABI, when node_modules holds
 * another's).
 */
import BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toRow, ORDER_COLUMNS } from '../../src/billing-index/codec.js';
import { MIGRATIONS } from '../../src/billing-index/sqlite-order-store.js';
import { mapBssOrder, wireBssOrder } from '../../src/upstream/bss/orders.js';
import { generatedOrders } from '../../src/emulator/generated-orders.js';
import { formatUtc } from '../../src/emulator/clock.js';
import { tempDataDir } from '../gateway-config.js';

const COUNT = 100_000;
const DAY = 86_400_000;
const newest = Date.UTC(2026, 0, 1);
const account = generatedOrders({
  count: COUNT,
  seed: 3,
  newest: formatUtc(newest),
  everySeconds: 300,
});
const rows = Array.from({ length: COUNT }, (_, i) =>
  toRow(mapBssOrder(wireBssOrder.parse(account.order(i)))),
);

/** What both drivers offer, as far as the index uses it. */
interface Driver {
  exec(sql: string): void;
  prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] };
  close(): void;
}

async function candidates(): Promise<[string, (path: string) => Driver][]> {
  const binding = process.env.BETTER_SQLITE3_BINDING;
  const list: [string, (path: string) => Driver][] = [
    [
      'better-sqlite3',
      (path) =>
        new BetterSqlite3(path, binding ? { nativeBinding: binding } : {}) as unknown as Driver,
    ],
  ];
  try {
    const { DatabaseSync } = await import('node:sqlite');
    list.push(['node:sqlite', (path) => new DatabaseSync(path) as unknown as Driver]);
  } catch {
    console.log(`node:sqlite: not in Node ${process.versions.node}`);
  }
  return list;
}

for (const [name, open] of await candidates()) {
  const path = join(tempDataDir(), 'candidate.sqlite');
  const db = open(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  for (const migration of MIGRATIONS) db.exec(migration);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i += 20) {
    db.exec('BEGIN');
    for (const row of rows.slice(i, i + 20)) insert.run(...row);
    db.exec('COMMIT');
  }
  const insertS = (performance.now() - t0) / 1000;
  const items = db.prepare(
    'SELECT * FROM orders WHERE created BETWEEN ? AND ? ORDER BY created DESC, id DESC LIMIT 20',
  );
  const total = db.prepare('SELECT count(*) AS n FROM orders WHERE created BETWEEN ? AND ?');
  const times: number[] = [];
  for (let k = 0; k < 200; k++) {
    const to = newest - ((k * 7919) % 300) * DAY;
    const t = performance.now();
    items.all(to - 30 * DAY, to);
    total.all(to - 30 * DAY, to);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(
    `${name} (Node ${process.versions.node}): ${Math.round(COUNT / insertS)} orders/s put 20 a transaction; month window first 20 + count p50 ${times[100]!.toFixed(2)} ms; file ${Math.round(statSync(path).size / COUNT)} B/order`,
  );
}
