/**
 * The billing index (docs/billing-index.md): a read model of the account's BSS orders, filled by
 * the sweeper, that answers `billingOrder`, `BillingOrder` nodes and covered `billingOrders`
 * windows without a vendor call. Whatever it cannot answer goes to BSS as before; a failing
 * store (Redis) is never an error of its own: readers go to BSS instead.
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { Page } from '../domain/page.js';
import type { Limiter } from '../loaders/concurrency.js';
import type { Logger } from '../logger.js';
import type { BssApi, CallOptions } from '../vendor/clients.js';
import { createArrivals } from './arrivals.js';
import type { Lease } from './lease.js';
import type { IndexMetrics } from './metrics.js';
import type { BillingIndexStore } from './store.js';
import { createSweeper, type Sweeper, type SweepSchedule } from './sweeper.js';
import { filterWindow, matchesFilter } from './windows.js';

export interface BillingIndexOptions extends SweepSchedule {
  bss: BssApi;
  store: BillingIndexStore;
  lease: Lease;
  now: () => number;
  metrics?: IndexMetrics;
  logger?: Logger;
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
  const { store, logger } = o;
  const arrivals = createArrivals();
  let warned = false;
  // One warning per outage, not one per request.
  const failed = (err: unknown, what: string) => {
    if (!warned) logger?.warn({ err }, `billing index: store failed (${what}), reading from BSS`);
    warned = true;
  };
  const recovered = () => {
    warned = false;
  };
  const sweeper = createSweeper({
    ...o,
    onCall: (outcome) => o.metrics?.sweepCall(outcome),
    onOrders: (orders) => arrivals.notify(orders),
  });

  async function add(orders: readonly BillingOrder[]) {
    try {
      await store.put(orders);
      recovered();
    } catch (err) {
      failed(err, 'put');
    }
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
      let held: (BillingOrder | undefined)[];
      try {
        held = await store.get(ids);
        recovered();
      } catch (err) {
        failed(err, 'get');
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
        const orders = (await store.range(window.from, window.to)).filter((order) =>
          matchesFilter(order, filter),
        );
        recovered();
        const offset = (pageNum - 1) * pageSize;
        return {
          offset,
          pageSize,
          total: orders.length,
          items: orders.slice(offset, offset + pageSize),
        };
      } catch (err) {
        failed(err, 'range');
        return null;
      }
    },
    close: () => sweeper.close(),
  };
}
