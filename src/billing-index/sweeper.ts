/**
 * Fills and refreshes the billing index with QueryOrders sweeps over CreateTime windows
 * (schedule and budget: docs/billing-index.md). The recent window is swept every
 * `recentPeriodMs` (young orders still change state); older windows once, newest first back to
 * the horizon, then again every `fullSweepMs`. A window is confirmed by its first page when
 * BSS's total equals the orders held and none of them may still change (final states do not
 * change; refunds are new orders): only the others are paged. Every
 * call runs in the flow control's background lane, so it never delays a request by more than one
 * call.
 */
import { setMaxListeners } from 'node:events';
import type { BillingOrder } from '../domain/billing-order.js';
import type { Logger } from '../ops/logger.js';
import type { BssApi } from '../upstream/clients.js';
import { VendorError } from '../upstream/vendor-error.js';
import type { Lease } from './lease.js';
import { changedOrders } from './changes.js';
import type { BillingIndexStore, SweepState } from './order-store.js';
import {
  floorSecond,
  HOUR,
  nextSpan,
  SECOND,
  TARGET_ORDERS_PER_WINDOW,
  type Window,
} from './windows.js';
import { BSS_FIRST_PAGE, BSS_MAX_PAGE_SIZE } from '../loaders/vendor-paging.js';

export interface SweepSchedule {
  /** How far back the index reaches (ms). */
  horizonMs: number;
  /** The window re-swept often, back from now (ms). */
  recentSpanMs: number;
  /** How often the recent window is swept (ms): bounds how late a payment shows. */
  recentPeriodMs: number;
  /** How often the older windows are swept again (ms). */
  fullSweepMs: number;
  /**
   * Orders a back-sweep window filling the index aims at (windows.ts windowOrders);
   * TARGET_ORDERS_PER_WINDOW by default, and always for a re-sweep.
   */
  windowOrders?: number;
  /** Pages of a window in flight at once (pagesInFlight); PAGES_IN_FLIGHT by default. */
  pagesInFlight?: number;
}

export interface SweeperOptions extends SweepSchedule {
  bss: BssApi;
  store: BillingIndexStore;
  lease: Lease;
  now: () => number;
  /** Each sweep call's outcome (`ok` or its error code), for metrics. */
  onCall?: (outcome: string) => void;
  /** Orders a sweep page brought (already stored). */
  onOrders?: (orders: readonly BillingOrder[]) => void;
  /** A re-swept window confirmed by its first page: the pages not read. */
  onConfirmed?: (pagesSkipped: number) => void;
  /** Of those, the ones that changed (changes.ts): read against the store before it is updated. */
  onChanged?: (orders: readonly BillingOrder[]) => void;
  logger?: Logger;
}

export interface Sweeper {
  /** Does the sweep work that is due now, if this replica holds the lease; true if it swept. */
  tick(): Promise<boolean>;
  /** Ticks in the background until closed (readiness never waits for it). */
  start(): void;
  close(): Promise<void>;
}

/**
 * Pages of one window in flight at once (a new one asked as each ends), by default: the flow
 * control's background lane still paces them to BSS's rate; in flight together they hide each
 * call's latency (and the page's store write), so a fill runs at that rate.
 */
export const PAGES_IN_FLIGHT = 4;

/**
 * Pages in flight for a BSS rate (calls/s): enough to cover 100 ms of each call's latency at
 * that rate (4 at BSS's 10 calls/s, 20 at 200), at most 32.
 */
export const pagesInFlight = (qps: number) =>
  Math.min(MAX_PAGES_IN_FLIGHT, Math.max(PAGES_IN_FLIGHT, Math.ceil(qps / 10)));
const MAX_PAGES_IN_FLIGHT = 32;

/** Between ticks with nothing due. */
export const TICK_MS = 250;

/** Unpaid orders older than the recent window are swept again every this many recent periods. */
export const UNSETTLED_PERIODS = 12;
/** At most this many pages for that sweep; more, and the full re-sweep refreshes them. */
export const UNSETTLED_MAX_PAGES = 25;

/** The oldest Unpaid CreateTime known: the stored one, or one a sweep just saw. */
const unsettled = (known: number | null | undefined, seen: { unpaidFrom: number }) => {
  const t = Math.min(known ?? Infinity, seen.unpaidFrom);
  return Number.isFinite(t) ? t : null;
};

class LeaseLost extends Error {}

export function createSweeper(o: SweeperOptions): Sweeper {
  let recentSweptAt = -Infinity;
  let unsettledSweptAt = -Infinity;
  let closed = false;
  let loop: Promise<void> | undefined;
  let running: Promise<boolean> | undefined;
  let upgraded = false;
  const fillTarget = o.windowOrders ?? TARGET_ORDERS_PER_WINDOW;
  const inFlightMax = o.pagesInFlight ?? PAGES_IN_FLIGHT;
  const abort = new AbortController();
  // Every page in flight listens to it (a window's, and a recent sweep's between its pages).
  setMaxListeners(2 * MAX_PAGES_IN_FLIGHT + 8, abort.signal);

  /**
   * What a sweep saw: the oldest CreateTime of an Unpaid order (Infinity: none); `newSince`: an
   * order not held that was created since is news (changes.ts), an older one is a back-fill.
   */
  interface Seen {
    unpaidFrom: number;
    newSince?: number;
  }

  async function queryPage(window: Window, page: number, seen: Seen) {
    try {
      const result = await o.bss.queryOrders(
        {
          createdAfter: new Date(window.from),
          createdBefore: new Date(window.to),
          pageNum: page,
          pageSize: BSS_MAX_PAGE_SIZE,
        },
        { priority: 'background', signal: abort.signal },
      );
      o.onCall?.('ok');
      for (const order of result.items) {
        if (order.paymentStatus === 'UNPAID' && order.createTime)
          seen.unpaidFrom = Math.min(seen.unpaidFrom, order.createTime.getTime());
      }
      const before = o.onChanged
        ? await Promise.resolve(o.store.get(result.items.map((i) => i.orderId))).catch(() => null)
        : null;
      await o.store.put(result.items);
      o.onOrders?.(result.items);
      if (before) {
        const changed = changedOrders(before, result.items, seen.newSince ?? Infinity);
        if (changed.length > 0) o.onChanged?.(changed);
      }
      return result;
    } catch (err) {
      o.onCall?.(err instanceof VendorError ? err.code : 'error');
      throw err;
    }
  }

  /**
   * Pages through one window whose first page told `total`, `inFlightMax` in flight, the next
   * asked as soon as one ends; returns the orders it holds. A fixed window's pages do not shift
   * as orders arrive: new ones fall after its end. `between` runs before every `inFlightMax`
   * pages asked; every call asked has ended before this returns or throws.
   */
  async function restOfWindow(
    window: Window,
    total: number,
    seen: Seen,
    between?: () => Promise<void>,
  ): Promise<number> {
    const left = (page: number) => (page - BSS_FIRST_PAGE) * BSS_MAX_PAGE_SIZE < total;
    const inFlight = new Set<Promise<void>>();
    let failed: { err: unknown } | undefined;
    try {
      for (let page = BSS_FIRST_PAGE + 1; !failed && left(page); page++) {
        if (between && (page - BSS_FIRST_PAGE - 1) % inFlightMax === 0) await between();
        const call: Promise<void> = queryPage(window, page, seen)
          .then(
            (r) => void (total = Math.max(total, r.total)),
            (err: unknown) => void (failed ??= { err }),
          )
          .then(() => void inFlight.delete(call));
        inFlight.add(call);
        if (inFlight.size >= inFlightMax) await Promise.race(inFlight);
      }
    } finally {
      await Promise.all(inFlight);
    }
    if (failed) throw failed.err;
    return total;
  }

  async function sweepRecent(state: SweepState | null, t: number): Promise<SweepState> {
    recentSweptAt = t;
    const to = floorSecond(t);
    // From where the last sweep ended if that is older: the index stays one contiguous span.
    const from = Math.min(floorSecond(t - o.recentSpanMs), state?.to ?? Infinity);
    const window = { from, to };
    // After the first fill, an order a recent sweep finds that the index lacks is new.
    const seen = { unpaidFrom: Infinity, newSince: state ? -Infinity : Infinity };
    const { total } = await queryPage(window, BSS_FIRST_PAGE, seen);
    if (!(await confirmed(window, total)).ok) await restOfWindow(window, total, seen);
    const unpaidFrom = unsettled(state?.unpaidFrom, seen);
    const next: SweepState = state
      ? { ...state, from: Math.min(state.from, from), to: Math.max(state.to, to), unpaidFrom }
      : // The rest of the horizon in one window at first: narrowed if it holds too many.
        { from, to, backCursor: from, backSpanMs: o.horizonMs, fullSweepAt: t, unpaidFrom };
    await o.store.setState(next);
    return next;
  }

  /**
   * Whether a window's first page confirms what the index holds for it (docs/billing-index.md,
   * re-sweeps): as many orders as BSS counts, none of them Unpaid. Every order held came from
   * BSS; orders are only ever added to a window (refunds are new orders) and keep their
   * CreateTime, so equal counts are the same orders; final ones do not change. `held`: the
   * orders the index holds in the window.
   */
  async function confirmed(window: Window, total: number) {
    const held = await o.store.summary(window);
    const ok = held.orders === total && held.unpaid === 0;
    if (ok) o.onConfirmed?.(Math.max(0, Math.ceil(total / BSS_MAX_PAGE_SIZE) - 1));
    return { ok, held: held.orders };
  }

  /** Where the next, older back-sweep window ends: one second swept twice, so no order is lost
   * whether BSS takes CreateTimeEnd as inclusive or not. */
  const cursorAfter = (window: Window, horizonStart: number) =>
    window.from > horizonStart ? window.from : horizonStart - SECOND;

  async function sweepBack(state: SweepState, horizonStart: number): Promise<void> {
    let span = state.backSpanMs;
    let window: Window;
    let total: number;
    let target = TARGET_ORDERS_PER_WINDOW;
    const seen = { unpaidFrom: Infinity };
    // The first page tells how many orders the window holds: one confirmed by it is done (the
    // next one tried four times as long); one far over the target is narrowed before paging (one
    // call each time), so no window runs for minutes.
    for (;;) {
      window = {
        from: Math.max(horizonStart, state.backCursor - span + SECOND),
        to: state.backCursor,
      };
      const first = await queryPage(window, BSS_FIRST_PAGE, seen);
      total = first.total;
      const { ok, held } = await confirmed(window, total);
      if (ok) {
        await o.store.setState({
          ...state,
          from: Math.min(state.from, window.from),
          backCursor: cursorAfter(window, horizonStart),
          backSpanMs: Math.min(o.horizonMs, 4 * (window.to - window.from + SECOND)),
        });
        return;
      }
      // A window of which the index holds only the first page is being filled: it aims at
      // fillTarget; a re-swept one at TARGET_ORDERS_PER_WINDOW (one holding an order not final
      // is paged whole, so a smaller window re-reads less).
      target = held <= first.items.length ? fillTarget : TARGET_ORDERS_PER_WINDOW;
      if (total <= 2 * target || span <= HOUR) break;
      span = nextSpan(window.to - window.from + SECOND, total, target);
    }
    let current = state;
    // A long window lets the recent one through between its pages, and stops if the lease went.
    const found = await restOfWindow(window, total, seen, async () => {
      if (!(await o.lease.hold())) throw new LeaseLost();
      if (o.now() - recentSweptAt >= o.recentPeriodMs)
        current = await sweepRecent(current, o.now());
    });
    await o.store.setState({
      ...current,
      from: Math.min(current.from, window.from),
      backCursor: cursorAfter(window, horizonStart),
      backSpanMs: nextSpan(window.to - window.from + SECOND, found, target),
      unpaidFrom: unsettled(current.unpaidFrom, seen),
    });
  }

  /**
   * Unpaid orders older than the recent window may still be paid or cancelled: their span, from
   * the oldest one to the recent window, is swept again every UNSETTLED_PERIODS recent periods,
   * unless it holds more than UNSETTLED_MAX_PAGES pages (then the full re-sweep refreshes them).
   */
  async function sweepUnsettled(state: SweepState, recentStart: number): Promise<void> {
    unsettledSweptAt = o.now();
    const window = { from: state.unpaidFrom!, to: recentStart };
    const seen = { unpaidFrom: Infinity };
    const total = (await queryPage(window, BSS_FIRST_PAGE, seen)).total;
    if (total > UNSETTLED_MAX_PAGES * BSS_MAX_PAGE_SIZE) return;
    await restOfWindow(window, total, seen);
    // Unpaid ones of the recent window join again with its next sweep.
    const current = (await o.store.state()) ?? state;
    const unpaidFrom = Number.isFinite(seen.unpaidFrom) ? seen.unpaidFrom : null;
    await o.store.setState({ ...current, unpaidFrom });
  }

  async function work(): Promise<boolean> {
    if (!(await o.lease.hold())) {
      recentSweptAt = -Infinity; // whoever leads next starts with the recent window
      return false;
    }
    if (!upgraded) {
      const moved = (await o.store.upgrade?.()) ?? 0;
      if (moved > 0) o.logger?.info({ moved }, 'billing index: moved to the current layout');
      upgraded = true;
    }
    const t = o.now();
    const state = await o.store.state();
    if (!state || t - recentSweptAt >= o.recentPeriodMs) {
      await sweepRecent(state, t);
      return true;
    }
    const recentStart = floorSecond(t - o.recentSpanMs);
    if (
      state.unpaidFrom !== null &&
      state.unpaidFrom < recentStart &&
      t - unsettledSweptAt >= UNSETTLED_PERIODS * o.recentPeriodMs
    ) {
      await sweepUnsettled(state, recentStart);
      return true;
    }
    const horizonStart = floorSecond(t - o.horizonMs);
    if (state.backCursor >= horizonStart) {
      await sweepBack(state, horizonStart);
      return true;
    }
    if (t - state.fullSweepAt >= o.fullSweepMs) {
      // Orders that aged past the horizon go (a lookup of one asks BSS again), and the covered
      // span starts at the horizon: a window older than it is QueryOrders' to answer.
      const dropped = await o.store.dropBefore(horizonStart);
      if (dropped > 0)
        o.logger?.info({ dropped }, 'billing index: orders past the horizon dropped');
      // Everything older than the recent window once more, newest first, as at start.
      await o.store.setState({
        ...state,
        from: Math.max(state.from, horizonStart),
        unpaidFrom: state.unpaidFrom === null ? null : Math.max(state.unpaidFrom, horizonStart),
        backCursor: floorSecond(t - o.recentSpanMs),
        backSpanMs: o.horizonMs,
        fullSweepAt: t,
      });
      return true;
    }
    return false;
  }

  const tick = (): Promise<boolean> => {
    // One sweep at a time per process.
    running ??= work().finally(() => (running = undefined));
    return running;
  };

  return {
    tick,
    start() {
      loop ??= (async () => {
        while (!closed) {
          let swept = false;
          try {
            swept = await tick();
          } catch (err) {
            if (closed) break;
            if (!(err instanceof LeaseLost)) {
              o.logger?.warn({ err }, 'billing index: sweep failed, retrying later');
              // A failing BSS is not asked again before the recent window is due.
              await sleep(o.recentPeriodMs, abort.signal);
            }
          }
          if (!swept) await sleep(TICK_MS, abort.signal);
        }
      })();
    },
    async close() {
      closed = true;
      abort.abort();
      await loop;
      await running?.catch(() => {});
      await o.lease.release();
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
