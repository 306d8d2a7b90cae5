/**
 * The vendor calls a field may make, declared on the field itself (`extensions: cost(…)`) and
 * read from the schema before execution by the fan-out estimate (server/limits/fan-out-cost.ts).
 * Every field on Query and Mutation, every connection, and every field returning vendor data
 * declares one, `NO_CALLS` included (test/unit/field-costs.test.ts).
 */
import type { GraphQLField } from 'graphql';
import { BSS_MAX_PAGE_SIZE, ILOP_MAX_PAGE_SIZE } from '../loaders/vendor-paging.js';
import { DEFAULT_WINDOW } from './pagination.js';

type Args = Record<string, unknown>;

export interface FieldCost {
  /** Vendor calls this field makes per parent item. */
  calls?: (args: Args) => number;
  /** How many items its selections run for, per parent item. */
  items?: (args: Args) => number;
}

/** A field's `extensions`: its cost. */
export const cost = (c: FieldCost) => ({ cost: c });
/** Declared: the field makes no vendor call (its parent read what it returns). */
export const NO_CALLS = cost({});

export function costOf(field: GraphQLField<unknown, unknown>): FieldCost | undefined {
  return field.extensions['cost'] as FieldCost | undefined;
}

export const one = () => 1;
/** A connection's window: `first` or `last`, else the default. */
export const windowSize = (a: Args) => Number(a.first ?? a.last ?? DEFAULT_WINDOW) || 0;
export const listLength = (v: unknown) => (Array.isArray(v) ? v.length : 1);
/** Vendor pages of `pageSize` a window spans (at least one). */
const pagesOf = (a: Args, pageSize: number) => Math.max(1, Math.ceil(windowSize(a) / pageSize));

/** A device's order connection: its window's pages; a filter reads the whole list (a few pages). */
export const DEVICE_ORDER_CONNECTION = cost({
  calls: (a) => pagesOf(a, ILOP_MAX_PAGE_SIZE) + (a.filter ? 2 : 0),
  items: windowSize,
});
/**
 * The user's device connection (`viewer.devices`): its window's binding-list pages (estimated at
 * the order lists' page size, ILOP_BINDING_PAGE_SIZE's default); a filter reads the whole list.
 */
export const BINDING_CONNECTION = DEVICE_ORDER_CONNECTION;
/**
 * A device's binding fields (`name`, `status`, …): the caller's binding list, read once per
 * request whatever the number of devices (none for an admin key), so no call per device.
 */
export const BINDING_FIELD = NO_CALLS;
/**
 * The account's billing-order connection: its window's QueryOrders pages. A window the billing
 * index covers costs none (docs/billing-index.md); the estimate assumes it does not.
 */
export const BILLING_ORDER_CONNECTION = cost({
  calls: (a) => pagesOf(a, BSS_MAX_PAGE_SIZE),
  items: windowSize,
});
/**
 * One billing order by id (a `billingOrder` field, a `BillingOrder` node): one GetOrderDetail. An
 * order the billing index holds costs none; the estimate assumes a miss, an upper bound.
 */
export const BILLING_ORDER_BY_ID = cost({ calls: one });
/** An order's lines: one GetOrderDetail per order that selects them (lists and the index hold none). */
export const SUB_ORDERS = cost({ calls: one });
/** A mutation: its write and the reads around it (validation, reconciliation, read-back). */
export const WRITE = cost({ calls: () => 3 });
