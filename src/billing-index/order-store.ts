/**
 * Where the billing index keeps the account's BSS orders (docs/billing-index.md): in SQLite on
 * this machine's disk, or in Redis shared by every replica. Orders are held as QueryOrders
 * returns them (no sub-orders).
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { Page } from '../domain/page.js';
import type { Window } from './windows.js';

/** What the sweeps have done, kept with the orders so another replica can take over. */
export interface SweepState {
  /** Every order created in [from, to] (epoch ms, whole seconds, inclusive) was swept. */
  from: number;
  to: number;
  /** Where the back-sweep's next, older window ends; below the horizon: nothing left. */
  backCursor: number;
  /** Window length (ms) the back-sweep tries next (adapted to the orders it finds). */
  backSpanMs: number;
  /** When the last full re-sweep began (epoch ms). */
  fullSweepAt: number;
  /** The oldest CreateTime of an order the sweeps saw Unpaid (null: none): it may still change. */
  unpaidFrom: number | null;
}

export interface BillingIndexStore {
  /** The orders held, by id (undefined where not held); SQLite answers at once, Redis with a promise. */
  get(ids: readonly string[]): (BillingOrder | undefined)[] | Promise<(BillingOrder | undefined)[]>;
  /** Adds or replaces orders (sub-orders are dropped: the index holds list fields only). */
  put(orders: readonly BillingOrder[]): Promise<void>;
  /**
   * The orders created in the window (epoch ms, inclusive) that pass the filter's other fields,
   * newest first, ties by id descending: `limit` of them from `offset`, with how many pass.
   */
  page(
    window: Window,
    filter: BillingOrderFilter,
    offset: number,
    limit: number,
  ): Promise<Page<BillingOrder>>;
  /** How many orders the window holds, and how many of them are not final (Unpaid). */
  summary(window: Window): Promise<WindowSummary>;
  state(): Promise<SweepState | null>;
  setState(state: SweepState): Promise<void>;
  /** Drops the orders created before `cutoff` (epoch ms); how many went. */
  dropBefore(cutoff: number): Promise<number>;
  /** Orders held. */
  size(): Promise<number>;
  /**
   * Brings an index kept in an older layout into this one (Redis), before the first sweep;
   * how many orders it moved.
   */
  upgrade?(): Promise<number>;
  /** Bytes the store takes (the SQLite file; Redis: null, its INFO tells). */
  bytes(): Promise<number | null>;
  close(): Promise<void>;
}

export interface WindowSummary {
  orders: number;
  unpaid: number;
}

/** The index holds list fields only: sub-orders come from GetOrderDetail when selected. */
export const listFields = (order: BillingOrder): BillingOrder =>
  order.subOrders.length === 0 ? order : { ...order, subOrders: [] };
