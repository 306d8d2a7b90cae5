/**
 * The billing index (docs/billing-index.md): a read model of the account's BSS orders, filled by
 * the sweeper, that answers `billingOrder`, `BillingOrder` nodes and covered `billingOrders`
 * windows without a vendor call. Whatever it cannot answer goes to BSS as before; a failing
 * store (Redis) is never an error of its own: readers go to BSS instead.
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { Page } from '../domain/page.js';
import type { Limiter } from '../loaders/concurrency.js';
import type { Logger } from '../ops/logger.js';
import type { BssApi, CallOptions } from '../upstream/clients.js';
import { createArrivals } from './arrivals.js';
import type { Lease } from './lease.js';
import type { IndexMetrics } from './metrics.js';
import type { BillingIndexStore } from './order-store.js';
import { createSweeper, type Sweeper, type SweepSchedule } from './sweeper.js';
import { filterWindow } from './windows.js';

export interface BillingIndexOptions extends SweepSchedule {
  bss: BssApi;
  store: BillingIndexStore;
  lease: Lease;
  now: () => number;
  metrics?: IndexMetrics;
  logger?: Logger;
  /** Orders a sweep saw change (billing-index/changes.ts). */
  onChange?: (orders: readonly BillingOrder[]) => void;
}

export interface BillingIndex {
  /**
   * Orders by id: from the index, else GetOrderDetail (one per distinct id, in `limit`), raced
   * against this process's sweep bringing the order first; what BSS answers is added. A detail
   * read keeps its sub-orders; null where BSS knows no such order.
   */
  resolve(
    ids: readonly string[],
    call: CallOptions,
    limit: Limiter,
  ): Promise<(BillingOrder | null | Error)[]>;
  /** A QueryOrders page answered from the index, or null when its window is not covered. */
  page(
    filter: BillingOrderFilter,
    pageNum: number,
    pageSize: number,
  ): Promise<Page<BillingOrder> | null>;
  /** Puts orders just read from BSS (e.g. a purchase's new order) into the index at once. */
  add(orders: readonly BillingOrder[]): Promise<void>;
  readonly sweeper: Sweeper;
  close(): Promise<void>;
}

export function createBillingIndex(o: BillingIndexOptions): BillingIndex {
  // A Redis store's failures are logged and counted by the Redis guard (once per outage).
  const { store } = o;
  const arrivals = createArrivals();
  const sweeper = createSweeper({
    ...o,
    onCall: (outcome) => o.metrics?.sweepCall(outcome),
    onOrders: (orders) => arrivals.notify(orders),
    onConfirmed: (skipped) => o.metrics?.confirmed(skipped),
    onChanged: o.onChange,
  });

  async function add(orders: readonly BillingOrder[]) {
    // A write-through that fails is dropped: the next sweep brings the order.
    await Promise.resolve(store.put(orders)).catch(() => {});
    arrivals.notify(orders);
  }

  async function fetchMiss(id: string, call: CallOptions, limit: Limiter) {
    const stop = new AbortController();
    const waiting = arrivals.wait(id);
    const signal = call.signal ? AbortSignal.any([call.signal, stop.signal]) : stop.signal;
    const fetched = limit(() =>
      stop.signal.aborted ? Promise.resolve(null) : o.bss.getOrderDetail(id, { ...call, signal }),
    );
    try {
      const first = await Promise.race([
        waiting.arrived.then((order) => ({ order, swept: true })),
        fetched.then((order) => ({ order, swept: false })),
      ]);
      if (first.swept) {
        fetched.catch(() => {}); // dropped: its abort is no failure
        stop.abort();
      } else if (first.order) await add([first.order]);
      return first.order;
    } finally {
      waiting.cancel();
    }
  }

  return {
    sweeper,
    add,
    async resolve(ids, call, limit) {
      // A store that fails answers misses (BSS answers them): Redis through its guard, SQLite
      // (a damaged page, a full disk) here.
      let held: (BillingOrder | undefined)[];
      try {
        held = await store.get(ids);
      } catch {
        held = ids.map(() => undefined);
      }
      let misses = 0;
      const results = held.map((order, i) => {
        if (order) return order;
        misses++;
        return fetchMiss(ids[i]!, call, limit).catch((err: Error) => err);
      });
      o.metrics?.lookups(ids.length - misses, misses);
      return Promise.all(results);
    },
    async page(filter, pageNum, pageSize) {
      const window = filterWindow(filter, o.now());
      if (!window) return null;
      try {
        const state = await store.state();
        // The recent window's end trails now by up to a sweep period: within two, a window up to
        // now is as fresh as every order the index answers (docs/billing-index.md, freshness).
        if (!state || window.from < state.from || window.to > state.to + 2 * o.recentPeriodMs) {
          return null;
        }
        return await store.page(window, filter, (pageNum - 1) * pageSize, pageSize);
      } catch {
        return null; // the store failed: BSS answers the page
      }
    },
    async close() {
      await sweeper.close();
      await store.close();
    },
  };
}
