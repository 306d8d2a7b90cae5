/**
 * BSS billing orders, with bounded concurrency (BSS allows about 10 requests per second per
 * account, protocol §B). By-id loading lives on the `BillingOrder` loadable node.
 */
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { BssApi, CallOptions } from '../vendor/clients.js';
import type { Limiter } from './concurrency.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { BSS_FIRST_PAGE, BSS_MAX_PAGE_SIZE } from './vendor-paging.js';

export function createBillingLoaders(bss: BssApi, call: () => CallOptions, limit: Limiter) {
  const pages = createPageLoader<BillingOrderFilter, BillingOrder>(
    (filter) => JSON.stringify(filter),
    (filter, index, pageSize) =>
      limit(() =>
        bss.queryOrders({ ...filter, pageNum: BSS_FIRST_PAGE + index, pageSize }, call()),
      ),
  );
  return {
    /** GetOrderDetail for each id (one call per distinct id: the caller dedupes). */
    loadByIds: (ids: readonly string[]): Promise<(BillingOrder | null | Error)[]> =>
      Promise.all(
        ids.map((id) => limit(() => bss.getOrderDetail(id, call())).catch((e: Error) => e)),
      ),
    billingOrders: (filter: BillingOrderFilter): PagedSource<BillingOrder> =>
      pages.source(filter, BSS_MAX_PAGE_SIZE),
  };
}
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
