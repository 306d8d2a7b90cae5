import { describe, expect, it } from 'vitest';
import {
  DAY,
  filterWindow,
  HOUR,
  matchesFilter,
  nextSpan,
  TARGET_ORDERS_PER_WINDOW,
  windowOrders,
} from '../../src/billing-index/windows.js';
import { pagesInFlight } from '../../src/billing-index/sweeper.js';
import type { BillingOrder } from '../../src/domain/billing-order.js';

describe('billing index windows', () => {
  const now = Date.UTC(2026, 5, 1, 12, 0, 0, 750);

  it('reads a filter as the CreateTime window BSS lists, or none where the BSS rule is unknown', () => {
    expect(filterWindow({}, now)).toEqual({
      from: Date.UTC(2026, 5, 1, 11, 0, 0),
      to: Date.UTC(2026, 5, 1, 12, 0, 0),
    });
    expect(
      filterWindow({ createdAfter: new Date(now - DAY), createdBefore: new Date(now - HOUR) }, now),
    ).toEqual({ from: Date.UTC(2026, 4, 31, 12, 0, 0), to: Date.UTC(2026, 5, 1, 11, 0, 0) });
    expect(filterWindow({ createdAfter: new Date(now - DAY) }, now)).toBeNull();
    expect(filterWindow({ createdBefore: new Date(now) }, now)).toBeNull();
  });

  it('filters by the other fields as QueryOrders does, by equality', () => {
    const order = {
      productCode: 'linkvisual',
      productType: 'linkvisual_streaming',
      subscriptionType: 'SUBSCRIPTION',
      orderType: 'NEW',
      paymentStatus: null,
    } as unknown as BillingOrder;
    expect(matchesFilter(order, {})).toBe(true);
    expect(matchesFilter(order, { productCode: 'linkvisual', orderType: 'NEW' })).toBe(true);
    expect(matchesFilter(order, { productType: 'linkvisual_cloudstorage' })).toBe(false);
    expect(matchesFilter(order, { paymentStatus: 'PAID' })).toBe(false);
  });

  it('scales the next back-sweep window toward the target, by at most 4× either way', () => {
    expect(nextSpan(10 * DAY, TARGET_ORDERS_PER_WINDOW)).toBe(10 * DAY);
    expect(nextSpan(10 * DAY, TARGET_ORDERS_PER_WINDOW / 2)).toBe(20 * DAY);
    expect(nextSpan(10 * DAY, 0)).toBe(40 * DAY);
    expect(nextSpan(10 * DAY, TARGET_ORDERS_PER_WINDOW * 100)).toBe(2.5 * DAY);
    expect(nextSpan(2 * HOUR, TARGET_ORDERS_PER_WINDOW * 100)).toBe(HOUR);
  });

  it("sizes a fill's windows and pages in flight to BSS's rate", () => {
    // BSS's own 10 calls/s: 100 pages a window (10 s of calls), 4 pages in flight.
    expect(windowOrders(10)).toBe(TARGET_ORDERS_PER_WINDOW);
    expect(pagesInFlight(10)).toBe(4);
    // A raised rate: still about 10 s of calls a window, 100 ms of latency covered.
    expect(windowOrders(200)).toBe(40_000);
    expect(pagesInFlight(200)).toBe(20);
    // Never under BSS's own figures, never a flood.
    expect(windowOrders(1)).toBe(TARGET_ORDERS_PER_WINDOW);
    expect(pagesInFlight(1)).toBe(4);
    expect(pagesInFlight(100_000)).toBe(32);
  });
});
