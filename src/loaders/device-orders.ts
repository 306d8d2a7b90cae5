/**
 * A device's cloud-storage and streaming orders: pages and details, per request and per caller
 * (the caller's token is fixed for the request, so nothing here crosses callers).
 */
import DataLoader from 'dataloader';
import type { CloudStorageOrder } from '../domain/cloud-storage-order.js';
import type { StreamingOrder } from '../domain/streaming-order.js';
import type { IlopApi, IlopCallOptions } from '../vendor/clients.js';
import { createPageLoader, type PagedSource } from './paged-source.js';
import { ILOP_FIRST_PAGE, ILOP_MAX_PAGE_SIZE } from './vendor-paging.js';

type OrderRef = { iotId: string; orderId: string };
const refKey = (r: OrderRef) => `${r.iotId}|${r.orderId}`;

function detailLoader<T>(load: (ref: OrderRef) => Promise<T>) {
  return new DataLoader<OrderRef, T, string>(
    (refs) => Promise.all(refs.map((r) => load(r).catch((e: Error) => e))),
    { cacheKeyFn: refKey },
  );
}

export function createDeviceOrderLoaders(ilop: IlopApi, call: () => IlopCallOptions) {
  const cloudStorageDetail = detailLoader((r) => ilop.getCloudStorageOrder(r, call()));
  const streamingDetail = detailLoader((r) => ilop.getStreamingOrder(r, call()));

  const cloudStoragePages = createPageLoader<string, CloudStorageOrder>(
    (iotId) => iotId,
    async (iotId, index, pageSize) => {
      const page = await ilop.queryCloudStorageOrders(
        { iotId, pageNo: ILOP_FIRST_PAGE + index, pageSize },
        call(),
      );
      // A listed order answers a later `node` lookup of it without another call.
      for (const o of page.items) cloudStorageDetail.prime({ iotId, orderId: o.orderId }, o);
      return page;
    },
  );
  const streamingPages = createPageLoader<string, StreamingOrder>(
    (iotId) => iotId,
    async (iotId, index, pageSize) => {
      const page = await ilop.queryStreamingOrders(
        { iotId, pageNo: ILOP_FIRST_PAGE + index, pageSize },
        call(),
      );
      for (const o of page.items) streamingDetail.prime({ iotId, orderId: o.orderId }, o);
      return page;
    },
  );

  return {
    cloudStorageOrders: (iotId: string): PagedSource<CloudStorageOrder> =>
      cloudStoragePages.source(iotId, ILOP_MAX_PAGE_SIZE),
    streamingOrders: (iotId: string): PagedSource<StreamingOrder> =>
      streamingPages.source(iotId, ILOP_MAX_PAGE_SIZE),
    cloudStorageOrder: (ref: OrderRef) => cloudStorageDetail.load(ref),
    streamingOrder: (ref: OrderRef) => streamingDetail.load(ref),
    /** After a mutation: forget everything read about this device in this request. */
    forgetDevice(iotId: string): void {
      cloudStoragePages.clear(iotId);
      streamingPages.clear(iotId);
      // Details are few and cheap to refetch: forget them all rather than track keys.
      cloudStorageDetail.clearAll();
      streamingDetail.clearAll();
    },
  };
}
export type DeviceOrderLoaders = ReturnType<typeof createDeviceOrderLoaders>;
