/**
 * Where the billing index keeps the account's BSS orders (docs/billing-index.md): in this process,
 * or in Redis shared by every replica. Orders are held as QueryOrders returns them (no sub-orders).
 */
import type { BillingOrder } from '../domain/billing-order.js';

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
  /** The orders held, by id (undefined where not held); the in-process store answers at once. */
  get(ids: readonly string[]): (BillingOrder | undefined)[] | Promise<(BillingOrder | undefined)[]>;
  /** Adds or replaces orders (sub-orders are dropped: the index holds list fields only). */
  put(orders: readonly BillingOrder[]): Promise<void>;
  /** Orders created in [from, to] (epoch ms, inclusive), newest first, ties by id descending. */
  range(from: number, to: number): Promise<BillingOrder[]>;
  state(): Promise<SweepState | null>;
  setState(state: SweepState): Promise<void>;
  /** Drops the orders created before `cutoff` (epoch ms); how many went. */
  dropBefore(cutoff: number): Promise<number>;
  /** Orders held. */
  size(): Promise<number>;
}

/** The index holds list fields only: sub-orders come from GetOrderDetail when selected. */
export const listFields = (order: BillingOrder): BillingOrder =>
  order.subOrders.length === 0 ? order : { ...order, subOrders: [] };

/** Newest first, ties by OrderId descending: the order QueryOrders lists them in. */
export function newestFirst(a: BillingOrder, b: BillingOrder): number {
  const ta = a.createTime?.getTime() ?? 0;
  const tb = b.createTime?.getTime() ?? 0;
  if (ta !== tb) return tb - ta;
  return a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0;
}
