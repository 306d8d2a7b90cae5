/**
 * The billing index in an SQLite file on this machine's disk (docs/billing-index.md, storage):
 * typed columns, one index per filter the schema serves (each ends in CreateTime, so a window is
 * an index range), the sweep state beside the orders so a restart resumes. Opening checks the
 * file is this store's (application id, schema version) and migrates an older one; anything else
 * is a StoreFileError naming the path, never a wipe.
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { BillingOrderFilter } from '../domain/billing-order.js';
import { FILTER_COLUMNS, fromRow, ORDER_COLUMNS, PAYMENT_STATUS, toRow } from './codec.js';
import type { BillingIndexStore, SweepState } from './order-store.js';

/** 'SUBG' in the file header: a file with another application id is not ours. */
export const APPLICATION_ID = 0x53554247;

/** Schema versions in order; a file at version n runs migrations n.. (PRAGMA user_version). */
export const MIGRATIONS: readonly string[] = [
  // 1: the orders and the sweep state.
  `CREATE TABLE orders (
     id TEXT PRIMARY KEY, related TEXT, product_code TEXT, product_type TEXT,
     commodity_code TEXT, subscription_type INTEGER, order_type INTEGER, payment_status INTEGER,
     created INTEGER, paid INTEGER, currency TEXT, payment_currency TEXT, amount_currency TEXT,
     pretax TEXT, pretax_gross TEXT, pretax_local TEXT, after_tax TEXT, tax TEXT
   ) WITHOUT ROWID;
   CREATE INDEX orders_created ON orders (created);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
  // 2: the filters dashboards use, each an index range (the primary key ties them by id).
  `CREATE INDEX orders_status ON orders (payment_status, created);
   CREATE INDEX orders_product ON orders (product_code, created);
   CREATE INDEX orders_type ON orders (order_type, created);`,
];

/** The store file is not one this version can open; the message names the path and why. */
export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`billing index file ${path}: ${reason}`);
    this.name = 'StoreFileError';
  }
}

export interface SqliteStoreOptions {
  /** The database file, or ':memory:'. */
  path: string;
  /**
   * SQLite's page cache (MiB): the memory the store may take, whatever the account's size;
   * SQLite's own default (2 000 KiB) when not given.
   */
  cacheMb?: number;
  /** Stop at this schema version (tests of a migration). */
  version?: number;
}

const SELECT = `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders`;
const NEWEST_FIRST = 'ORDER BY created DESC, id DESC';
const ID = ORDER_COLUMNS.indexOf('id');

function open(o: SqliteStoreOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(o.path);
    const header = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
    const empty = (tables.get() as { n: number }).n === 0;
    if (!empty && header !== APPLICATION_ID)
      throw new StoreFileError(
        o.path,
        'not a subgate billing index (another application wrote it)',
      );
    if (version > MIGRATIONS.length)
      throw new StoreFileError(
        o.path,
        `schema version ${version} is newer than this subgate's (${MIGRATIONS.length})`,
      );
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (o.cacheMb !== undefined) db.pragma(`cache_size = ${-1024 * o.cacheMb}`);
    const target = o.version ?? MIGRATIONS.length;
    db.transaction(() => {
      if (empty) db!.pragma(`application_id = ${APPLICATION_ID}`);
      for (let v = version; v < target; v++) db!.exec(MIGRATIONS[v]!);
      db!.pragma(`user_version = ${Math.max(version, target)}`);
    })();
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof StoreFileError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new StoreFileError(
        o.path,
        'not an SQLite database or damaged (move it away to rebuild)',
      );
    throw new StoreFileError(o.path, (err as Error).message);
  }
}

export function createSqliteIndexStore(o: SqliteStoreOptions): BillingIndexStore {
  const db = open(o);
  const byId = db.prepare(`${SELECT} WHERE id = ?`).raw();
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO orders (${ORDER_COLUMNS.join(', ')})
     VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const held = db.prepare('SELECT 1 FROM orders WHERE id = ?').pluck();
  /** Puts the rows; returns how many were not held before. */
  const putAll = db.transaction((rows: unknown[][]) => {
    let added = 0;
    for (const row of rows) {
      if (held.get(row[ID]) === undefined) added++;
      upsert.run(row);
    }
    return added;
  });
  const summary = db.prepare(
    `SELECT count(*) AS orders,
       (SELECT count(*) FROM orders WHERE payment_status = ? AND created BETWEEN ? AND ?) AS unpaid
     FROM orders WHERE created BETWEEN ? AND ?`,
  );
  const getState = db.prepare("SELECT value FROM meta WHERE key = 'sweep'").pluck();
  const setState = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sweep', ?)");
  const drop = db.prepare('DELETE FROM orders WHERE created < ?');
  const count = db.prepare('SELECT count(*) FROM orders').pluck();
  // The orders held, counted once and then kept by this connection's own writes: a count(*) reads
  // the whole of an index (about 50 ms at 1 M orders, on every metrics scrape). Another
  // connection's commit changes `data_version`, and the next read counts again.
  let counted: { orders: number; version: number } | undefined;
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  // One statement pair per combination of filter fields asked, prepared once.
  const pages = new Map<string, { total: Database.Statement; items: Database.Statement }>();

  function pageStatements(filter: BillingOrderFilter) {
    const fields = (Object.keys(FILTER_COLUMNS) as (keyof typeof FILTER_COLUMNS)[]).filter(
      (f) => filter[f] !== undefined,
    );
    const key = fields.join(',');
    let statements = pages.get(key);
    if (!statements) {
      const where = [
        'created BETWEEN ? AND ?',
        ...fields.map((f) => `${FILTER_COLUMNS[f][0]} = ?`),
      ].join(' AND ');
      statements = {
        total: db.prepare(`SELECT count(*) FROM orders WHERE ${where}`).pluck(),
        items: db.prepare(`${SELECT} WHERE ${where} ${NEWEST_FIRST} LIMIT ? OFFSET ?`).raw(),
      };
      pages.set(key, statements);
    }
    const values = fields.map((f) => (FILTER_COLUMNS[f][1] as (v: unknown) => unknown)(filter[f]));
    return { ...statements, values };
  }

  return {
    get: (ids) =>
      ids.map((id) => {
        const row = byId.get(id) as (string | number | null)[] | undefined;
        return row && fromRow(row);
      }),
    async put(list) {
      if (list.length === 0) return;
      const added = putAll(list.map(toRow));
      if (counted) counted.orders += added;
    },
    async page(window, filter, offset, limit) {
      const { total, items, values } = pageStatements(filter);
      const args = [window.from, window.to, ...values];
      const rows = items.all(...args, limit, offset) as (string | number | null)[][];
      return {
        offset,
        pageSize: limit,
        total: total.get(...args) as number,
        items: rows.map(fromRow),
      };
    },
    async summary({ from, to }) {
      return summary.get(PAYMENT_STATUS.encode('UNPAID'), from, to, from, to) as {
        orders: number;
        unpaid: number;
      };
    },
    async state() {
      const raw = getState.get() as string | undefined;
      return raw === undefined ? null : (JSON.parse(raw) as SweepState);
    },
    async setState(state) {
      setState.run(JSON.stringify(state));
    },
    async dropBefore(cutoff) {
      const dropped = drop.run(cutoff).changes;
      if (counted) counted.orders -= dropped;
      return dropped;
    },
    async size() {
      const version = dataVersion();
      if (counted?.version !== version) counted = { orders: count.get() as number, version };
      return counted.orders;
    },
    async bytes() {
      if (o.path === ':memory:') {
        const pages = db.pragma('page_count', { simple: true }) as number;
        return pages * (db.pragma('page_size', { simple: true }) as number);
      }
      const file = (suffix: string) => statSync(o.path + suffix, { throwIfNoEntry: false })?.size;
      return (file('') ?? 0) + (file('-wal') ?? 0);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
