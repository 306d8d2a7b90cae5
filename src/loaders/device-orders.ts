/**
 * A device's cloud-storage and streaming orders: pages and details, per request and per caller
 * (the caller's token is fixed for the request, so nothing here crosses callers). Vendor reads go
 * through the shared short-TTL cache, keyed by device and caller.
 */
import DataLoader from 'dataloader';
import { deviceCacheKey, type VendorCache } from '../cache/vendor-cache.js';
import type { CloudStorageOrder } from '../domain/cloud-storage-order.js';
import type { StreamingOrder } from '../domain/streaming-order.js';
import type { IlopApi, IlopCallOptions } from '../vendor/clients.js';
import { dataLoaderOptions, type LoaderMode } from './loader-mode.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { ILOP_FIRST_PAGE, ILOP_MAX_PAGE_SIZE } from './vendor-paging.js';

type OrderRef = { iotId: string; orderId: string };
const refKey = (r: OrderRef) => `${r.iotId}|${r.orderId}`;

function detailLoader<T>(mode: LoaderMode, load: (ref: OrderRef) => Promise<T>) {
  return new DataLoader<OrderRef, T, string>(
    (refs) => Promise.all(refs.map((r) => load(r).catch((e: Error) => e))),
    { ...dataLoaderOptions<OrderRef, T, string>(mode), cacheKeyFn: refKey },
  );
}

export interface DeviceOrderLoaderOptions {
  mode: LoaderMode;
  cache: VendorCache;
  /** The viewer's cache key: part of every shared-cache key. */
  callerKey: string;
}

export function createDeviceOrderLoaders(
  ilop: IlopApi,
  call: () => IlopCallOptions,
  { mode, cache, callerKey }: DeviceOrderLoaderOptions,
) {
  const shared = mode === 'batched' && cache.enabled;
  /** A vendor read through the shared cache (the naive baseline always calls the vendor). */
  function read<T>(
    iotId: string,
    api: string,
    what: string,
    load: (o: IlopCallOptions) => Promise<T>,
  ) {
    if (!shared) return load(call());
    // A shared read must not die with the request that happened to start it.
    const { signal: _signal, ...opts } = call();
    return cache.read(deviceCacheKey(iotId, callerKey, api, what), () => load(opts));
  }

  const cloudStorageDetail = detailLoader(mode, (r) =>
    read(r.iotId, 'cs-order', r.orderId, (o) => ilop.getCloudStorageOrder(r, o)),
  );
  const streamingDetail = detailLoader(mode, (r) =>
    read(r.iotId, 'st-order', r.orderId, (o) => ilop.getStreamingOrder(r, o)),
  );

  const cloudStoragePages = createPageLoader<string, CloudStorageOrder>(
    (iotId) => iotId,
    async (iotId, index, pageSize) => {
      const pageNo = ILOP_FIRST_PAGE + index;
      const page = await read(iotId, 'cs-orders', `${pageNo}:${pageSize}`, (o) =>
        ilop.queryCloudStorageOrders({ iotId, pageNo, pageSize }, o),
      );
      // A listed order answers a later `node` lookup of it without another call.
      for (const o of page.items) cloudStorageDetail.prime({ iotId, orderId: o.orderId }, o);
      return page;
    },
    mode,
  );
  const streamingPages = createPageLoader<string, StreamingOrder>(
    (iotId) => iotId,
    async (iotId, index, pageSize) => {
      const pageNo = ILOP_FIRST_PAGE + index;
      const page = await read(iotId, 'st-orders', `${pageNo}:${pageSize}`, (o) =>
        ilop.queryStreamingOrders({ iotId, pageNo, pageSize }, o),
      );
      for (const o of page.items) streamingDetail.prime({ iotId, orderId: o.orderId }, o);
      return page;
    },
    mode,
  );

  return {
    cloudStorageOrders: (iotId: string): PagedSource<CloudStorageOrder> =>
      cloudStoragePages.source(iotId, ILOP_MAX_PAGE_SIZE),
    streamingOrders: (iotId: string): PagedSource<StreamingOrder> =>
      streamingPages.source(iotId, ILOP_MAX_PAGE_SIZE),
    cloudStorageOrder: (ref: OrderRef) => cloudStorageDetail.load(ref),
    streamingOrder: (ref: OrderRef) => streamingDetail.load(ref),
    /**
     * After a mutation: forget everything read about this device, in this request and in the
     * shared cache for every caller; resolves once the shared entries are gone.
     */
    async forgetDevice(iotId: string): Promise<void> {
      cloudStoragePages.clear(iotId);
      streamingPages.clear(iotId);
      // Details are few and cheap to refetch: forget them all rather than track keys.
      cloudStorageDetail.clearAll();
      streamingDetail.clearAll();
      await cache.forgetDevice(iotId);
    },
  };
}
export type DeviceOrderLoaders = ReturnType<typeof createDeviceOrderLoaders>;
