/**
 * CreateTime windows as QueryOrders takes them (docs/billing-index.md, BSS facts): whole UTC
 * seconds, both bounds inclusive (BSS's documents do not say; the sweeps overlap consecutive
 * windows by a second, so either reading loses nothing).
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';

export const SECOND = 1_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A CreateTime window: epoch ms on whole seconds, both ends inclusive. */
export interface Window {
  from: number;
  to: number;
}

export const floorSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

/**
 * The window a `billingOrders` filter asks BSS for, or null when BSS's answer is not known
 * exactly: with neither bound BSS lists the last hour; with only one bound its rule is not
 * documented, so such a filter always goes to QueryOrders.
 */
export function filterWindow(filter: BillingOrderFilter, now: number): Window | null {
  const { createdAfter, createdBefore } = filter;
  if (!createdAfter && !createdBefore)
    return { from: floorSecond(now - HOUR), to: floorSecond(now) };
  if (!createdAfter || !createdBefore) return null;
  return { from: floorSecond(createdAfter.getTime()), to: floorSecond(createdBefore.getTime()) };
}

/** Whether an order passes the filter's other fields, as QueryOrders compares them (equality). */
export function matchesFilter(order: BillingOrder, filter: BillingOrderFilter): boolean {
  return (
    (filter.productCode === undefined || order.productCode === filter.productCode) &&
    (filter.productType === undefined || order.productType === filter.productType) &&
    (filter.subscriptionType === undefined || order.subscriptionType === filter.subscriptionType) &&
    (filter.orderType === undefined || order.orderType === filter.orderType) &&
    (filter.paymentStatus === undefined || order.paymentStatus === filter.paymentStatus)
  );
}

/** Orders a back-sweep window aims at at BSS's 10 calls/s: 100 pages, 10 s of calls. */
export const TARGET_ORDERS_PER_WINDOW = 2_000;

/**
 * The orders a back-sweep window aims at for a BSS rate (calls/s): about 10 s of calls, so no
 * window runs for minutes and the one call that starts each (its first page, alone) stays a
 * small share of the window's time whatever the rate. Never below TARGET_ORDERS_PER_WINDOW.
 */
export const windowOrders = (qps: number) =>
  Math.max(TARGET_ORDERS_PER_WINDOW, Math.round((qps * TARGET_ORDERS_PER_WINDOW) / 10));

/**
 * The next back-sweep window's length from what the last one found: scaled toward `target`
 * orders, by at most 4× either way, at least one hour.
 */
export function nextSpan(spanMs: number, found: number, target = TARGET_ORDERS_PER_WINDOW): number {
  const scale = Math.min(4, Math.max(0.25, target / Math.max(1, found)));
  return Math.max(HOUR, Math.round((spanMs * scale) / SECOND) * SECOND);
}
