/**
 * A device's cloud-storage and streaming orders: pages and details, per request and per caller
 * (the caller's token is fixed for the request, so nothing here crosses callers). Vendor reads go
 * through the shared short-TTL cache, keyed by device and caller.
 */
import DataLoader from 'dataloader';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import type { JsonCodec } from '../domain/json-codec.js';
import { pageOf, type Page } from '../domain/page.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';
import type { IlopApi, IlopCallOptions } from '../upstream/clients.js';
import { createDeviceRead, type DeviceReadOptions } from './device-read.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { ILOP_FIRST_PAGE, ILOP_MAX_PAGE_SIZE } from './vendor-paging.js';
import type { MaybePromise } from '../domain/maybe-promise.js';

type OrderRef = { iotId: string; orderId: string };
const cloudStoragePageCodec = pageOf(cloudStorageOrderCodec);
const streamingPageCodec = pageOf(streamingOrderCodec);
const refKey = (r: OrderRef) => `${r.iotId}|${r.orderId}`;

/**
 * Orders seen in this request's list pages, per device: a later `node` lookup of one is answered
 * from here without a call. (This replaced priming the detail loader with every listed order: a
 * dashboard lists 500 and looks none up, and each prime cost a key string and a promise.)
 */
function listedOrders<T extends { orderId: string }>() {
  const byDevice = new Map<string, (readonly T[])[]>();
  return {
    add(iotId: string, items: readonly T[]): void {
      const pages = byDevice.get(iotId);
      if (pages) pages.push(items);
      else byDevice.set(iotId, [items]);
    },
    find(ref: OrderRef): T | undefined {
      for (const items of byDevice.get(ref.iotId) ?? []) {
        for (const item of items) if (item.orderId === ref.orderId) return item;
      }
      return undefined;
    },
    clear(): void {
      byDevice.clear();
    },
  };
}

function detailLoader<T extends { orderId: string }>(
  listed: ReturnType<typeof listedOrders<T>>,
  load: (ref: OrderRef) => MaybePromise<T>,
) {
  return new DataLoader<OrderRef, T, string>(
    (refs) =>
      Promise.all(
        refs.map((r) => {
          const known = listed.find(r);
          return known ?? Promise.resolve(load(r)).catch((e: Error) => e);
        }),
      ),
    { cacheKeyFn: refKey },
  );
}

export type DeviceOrderLoaderOptions = DeviceReadOptions;

export function createDeviceOrderLoaders(
  ilop: IlopApi,
  call: () => IlopCallOptions,
  options: DeviceOrderLoaderOptions,
) {
  const { cache } = options;
  const read = createDeviceRead(call, options);

  const listedCloudStorage = listedOrders<CloudStorageOrder>();
  const listedStreaming = listedOrders<StreamingOrder>();
  const cloudStorageDetail = detailLoader(listedCloudStorage, (r) =>
    read(r.iotId, 'cs-order', r.orderId, cloudStorageOrderCodec, (o) =>
      ilop.getCloudStorageOrder(r, o),
    ),
  );
  const streamingDetail = detailLoader(listedStreaming, (r) =>
    read(r.iotId, 'st-order', r.orderId, streamingOrderCodec, (o) => ilop.getStreamingOrder(r, o)),
  );

  /** A device's order list, page by page; a listed order answers a later `node` lookup of it. */
  function orderPages<T extends { orderId: string }>(
    api: string,
    codec: JsonCodec<Page<T>>,
    listed: ReturnType<typeof listedOrders<T>>,
    query: (
      p: { iotId: string; pageNo: number; pageSize: number },
      o: IlopCallOptions,
    ) => Promise<Page<T>>,
  ) {
    return createPageLoader<string, T>(
      (iotId) => iotId,
      async (iotId, index, pageSize) => {
        const pageNo = ILOP_FIRST_PAGE + index;
        const page = await read(iotId, api, `${pageNo}:${pageSize}`, codec, (o) =>
          query({ iotId, pageNo, pageSize }, o),
        );
        listed.add(iotId, page.items);
        return page;
      },
    );
  }
  const cloudStoragePages = orderPages(
    'cs-orders',
    cloudStoragePageCodec,
    listedCloudStorage,
    (p, o) => ilop.queryCloudStorageOrders(p, o),
  );
  const streamingPages = orderPages('st-orders', streamingPageCodec, listedStreaming, (p, o) =>
    ilop.queryStreamingOrders(p, o),
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
      listedCloudStorage.clear();
      listedStreaming.clear();
      await cache.forgetDevice(iotId);
    },
  };
}
export type DeviceOrderLoaders = ReturnType<typeof createDeviceOrderLoaders>;
