/**
 * BSS billing orders, with bounded concurrency (BSS allows about 10 requests per second per
 * account, docs/vendors.md#bss) and the shared short-TTL cache. By-id loading lives on the
 * `BillingOrder` loadable node.
 */
import { bssCacheKey, type ReadTracker, type VendorCache } from '../caching/vendor-cache.js';
import {
  billingOrderCodec,
  type BillingOrder,
  type BillingOrderFilter,
} from '../domain/billing-order.js';
import { nullable, type JsonCodec } from '../domain/json-codec.js';
import { pageOf } from '../domain/page.js';
import { detached, type BssApi, type CallOptions } from '../upstream/clients.js';
import type { Limiter } from './concurrency.js';
import type { LoaderMode } from './loader-mode.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { BSS_FIRST_PAGE, BSS_MAX_PAGE_SIZE } from './vendor-paging.js';
import { allReady, whenReady, type MaybePromise } from '../domain/maybe-promise.js';

const detailCodec = nullable(billingOrderCodec);
const pageCodec = pageOf(billingOrderCodec);

export interface BillingLoaderOptions {
  mode: LoaderMode;
  cache: VendorCache;
  /** The viewer's cache key: part of every shared-cache key. */
  callerKey: string;
  /** The request's reads, for the response cache. */
  tracker?: ReadTracker;
}

export function createBillingLoaders(
  bss: BssApi,
  call: () => CallOptions,
  limit: Limiter,
  { mode, cache, callerKey, tracker }: BillingLoaderOptions,
) {
  const shared = mode === 'batched' && cache.enabled;
  // Built on a miss only.
  const sharedCall = (): CallOptions => detached(call());
  function read<T>(
    key: () => string,
    codec: JsonCodec<T>,
    load: (o: CallOptions) => Promise<T>,
  ): Promise<T> {
    if (!shared) {
      tracker?.untracked();
      return limit(() => load(call()));
    }
    return cache.read(key(), codec, () => limit(() => load(sharedCall())), tracker);
  }
  /** One GetOrderDetail; a warm hit is the order itself (no promise), see `VendorCache.readNow`. */
  const detail = (id: string): MaybePromise<BillingOrder | null> => {
    if (!shared) {
      tracker?.untracked();
      return limit(() => bss.getOrderDetail(id, call()));
    }
    return cache.readNow(
      bssCacheKey('GetOrderDetail', callerKey, encodeURIComponent(id)),
      detailCodec,
      () => limit(() => bss.getOrderDetail(id, sharedCall())),
      tracker,
    );
  };

  const pages = createPageLoader<BillingOrderFilter, BillingOrder>(
    (filter) => JSON.stringify(filter),
    (filter, index, pageSize) => {
      const pageNum = BSS_FIRST_PAGE + index;
      return read(
        () =>
          bssCacheKey('QueryOrders', callerKey, `${JSON.stringify(filter)}:${pageNum}:${pageSize}`),
        pageCodec,
        (o) => bss.queryOrders({ ...filter, pageNum, pageSize }, o),
      );
    },
    mode,
  );
  return {
    /** The naive baseline resolves each `billingOrder` field with its own call (no loader). */
    naive: mode === 'naive',
    /** One billing order by id, outside any loader (the naive baseline's path). */
    loadOne: (id: string): Promise<BillingOrder | null> => Promise.resolve(detail(id)),
    /** GetOrderDetail for each id (one call per distinct id: the caller dedupes). */
    loadByIds(ids: readonly string[]): Promise<(BillingOrder | null | Error)[]> {
      // DataLoader takes a failed id as its Error in place of the value.
      const results = ids.map((id) =>
        whenReady<BillingOrder | null, BillingOrder | null | Error>(
          detail(id),
          (order) => order,
          (err) => err as Error,
        ),
      );
      return Promise.resolve(allReady(results));
    },
    billingOrders: (filter: BillingOrderFilter): PagedSource<BillingOrder> =>
      pages.source(filter, BSS_MAX_PAGE_SIZE),
  };
}
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
