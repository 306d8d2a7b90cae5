/**
 * BSS billing orders, with bounded concurrency (BSS allows about 10 requests per second per
 * account and API, docs/vendors.md#bss) and the shared short-TTL cache. With the billing index on,
 * orders by id and covered list windows come from the index (docs/billing-index.md), through the
 * same cache so a response built from them can be reused. By-id loading lives on the
 * `BillingOrder` loadable node.
 */
import DataLoader from 'dataloader';
import type { BillingIndex } from '../billing-index/billing-index.js';
import { listFields } from '../billing-index/order-store.js';
import { bssCacheKey, type ReadTracker, type VendorCache } from '../caching/vendor-cache.js';
import {
  billingOrderCodec,
  type BillingOrder,
  type BillingOrderFilter,
  type BillingSubOrder,
} from '../domain/billing-order.js';
import { nullable, type JsonCodec } from '../domain/json-codec.js';
import { pageOf } from '../domain/page.js';
import { detached, type BssApi, type CallOptions } from '../upstream/clients.js';
import type { Limiter } from './concurrency.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { BSS_FIRST_PAGE, BSS_MAX_PAGE_SIZE } from './vendor-paging.js';
import { allReady, whenReady, type MaybePromise } from '../domain/maybe-promise.js';

const detailCodec = nullable(billingOrderCodec);
const pageCodec = pageOf(billingOrderCodec);

export interface BillingLoaderOptions {
  cache: VendorCache;
  /** The viewer's cache key: part of every shared-cache key. */
  callerKey: string;
  /** The request's reads, for the response cache. */
  tracker?: ReadTracker;
  /** The billing index, when on. */
  index?: BillingIndex | null;
}

export function createBillingLoaders(
  bss: BssApi,
  call: () => CallOptions,
  limit: Limiter,
  { cache, callerKey, tracker, index = null }: BillingLoaderOptions,
) {
  const shared = cache.enabled;
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

  /** GetOrderDetail for `subOrders`: once per id per request. */
  const details = new Map<string, MaybePromise<BillingOrder | null>>();
  const fullDetail = (id: string) => {
    let known = details.get(id);
    if (known === undefined) details.set(id, (known = detail(id)));
    return known;
  };
  /** Orders by id from the index; its misses batched per request (one GetOrderDetail per id). */
  const indexed =
    index &&
    new DataLoader<string, BillingOrder | null>(async (ids) => {
      const found = await index.resolve(ids, shared ? sharedCall() : call(), limit);
      return found.map((order) => {
        if (!order || order instanceof Error || order.subOrders.length === 0) return order;
        details.set(order.orderId, order); // a miss read the full order: `subOrders` reuses it
        return listFields(order);
      });
    });
  /** One order's list fields; the cache keeps them so a response built on them can be reused. */
  const header = (id: string): MaybePromise<BillingOrder | null> => {
    if (!indexed) return detail(id);
    if (!shared) {
      tracker?.untracked();
      return indexed.load(id);
    }
    return cache.readNow(
      bssCacheKey('BillingIndex', callerKey, encodeURIComponent(id)),
      detailCodec,
      () => indexed.load(id),
      tracker,
    );
  };

  const pages = createPageLoader<BillingOrderFilter, BillingOrder>(
    (filter) => JSON.stringify(filter),
    (filter, pageIndex, pageSize) => {
      const pageNum = BSS_FIRST_PAGE + pageIndex;
      return read(
        () =>
          bssCacheKey('QueryOrders', callerKey, `${JSON.stringify(filter)}:${pageNum}:${pageSize}`),
        pageCodec,
        async (o) =>
          (await index?.page(filter, pageNum, pageSize)) ??
          bss.queryOrders({ ...filter, pageNum, pageSize }, o),
      );
    },
  );
  return {
    /**
     * What a field naming an order by id resolves to: the id, which the `BillingOrder` loadable
     * node loads through `loadByIds` (batched, once per id per request). Other loaders may
     * answer with the order itself.
     */
    resolveById: (id: string): string | Promise<BillingOrder | null> => id,
    /** Each order's list fields: from the index when on, else GetOrderDetail (one per distinct id). */
    loadByIds(ids: readonly string[]): Promise<(BillingOrder | null | Error)[]> {
      // DataLoader takes a failed id as its Error in place of the value.
      const results = ids.map((id) =>
        whenReady<BillingOrder | null, BillingOrder | null | Error>(
          header(id),
          (order) => order,
          (err) => err as Error,
        ),
      );
      return Promise.resolve(allReady(results));
    },
    /** An order's lines: GetOrderDetail, only when asked for (the index holds list fields). */
    subOrders(order: BillingOrder): MaybePromise<BillingSubOrder[]> {
      if (order.subOrders.length > 0) return order.subOrders;
      return whenReady(fullDetail(order.orderId), (full) => full?.subOrders ?? []);
    },
    /** Puts a billing order BSS just created (a purchase) into the index at once. */
    async remember(orderId: string): Promise<void> {
      if (!index) return;
      const order = await limit(() => bss.getOrderDetail(orderId, call()));
      if (order) await index.add([order]);
    },
    billingOrders: (filter: BillingOrderFilter): PagedSource<BillingOrder> =>
      pages.source(filter, BSS_MAX_PAGE_SIZE),
  };
}
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
