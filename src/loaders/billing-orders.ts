/**
 * BSS billing orders, with bounded concurrency (BSS allows about 10 requests per second per
 * account, protocol §B) and the shared short-TTL cache. By-id loading lives on the
 * `BillingOrder` loadable node.
 */
import { bssCacheKey, type VendorCache } from '../cache/vendor-cache.js';
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import type { BssApi, CallOptions } from '../vendor/clients.js';
import type { Limiter } from './concurrency.js';
import type { LoaderMode } from './loader-mode.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { BSS_FIRST_PAGE, BSS_MAX_PAGE_SIZE } from './vendor-paging.js';

export interface BillingLoaderOptions {
  mode: LoaderMode;
  cache: VendorCache;
  /** The viewer's cache key: part of every shared-cache key. */
  callerKey: string;
}

export function createBillingLoaders(
  bss: BssApi,
  call: () => CallOptions,
  limit: Limiter,
  { mode, cache, callerKey }: BillingLoaderOptions,
) {
  const shared = mode === 'batched' && cache.enabled;
  function read<T>(key: () => string, load: (o: CallOptions) => Promise<T>): Promise<T> {
    if (!shared) return limit(() => load(call()));
    // A shared read must not die with the request that happened to start it.
    const { signal: _signal, ...opts } = call();
    return cache.read(key(), () => limit(() => load(opts)));
  }
  const detail = (id: string) =>
    read(
      () => bssCacheKey('GetOrderDetail', callerKey, encodeURIComponent(id)),
      (o) => bss.getOrderDetail(id, o),
    );

  const pages = createPageLoader<BillingOrderFilter, BillingOrder>(
    (filter) => JSON.stringify(filter),
    (filter, index, pageSize) => {
      const pageNum = BSS_FIRST_PAGE + index;
      return read(
        () =>
          bssCacheKey('QueryOrders', callerKey, `${JSON.stringify(filter)}:${pageNum}:${pageSize}`),
        (o) => bss.queryOrders({ ...filter, pageNum, pageSize }, o),
      );
    },
    mode,
  );
  return {
    /** The naive baseline resolves each `billingOrder` field with its own call (no loader). */
    naive: mode === 'naive',
    /** One billing order by id, outside any loader (the naive baseline's path). */
    loadOne: (id: string): Promise<BillingOrder | null> => detail(id),
    /** GetOrderDetail for each id (one call per distinct id: the caller dedupes). */
    loadByIds: (ids: readonly string[]): Promise<(BillingOrder | null | Error)[]> =>
      Promise.all(ids.map((id) => detail(id).catch((e: Error) => e))),
    billingOrders: (filter: BillingOrderFilter): PagedSource<BillingOrder> =>
      pages.source(filter, BSS_MAX_PAGE_SIZE),
  };
}
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
