/**
 * The benchmark's baseline loaders: one vendor call per resolver, no loaders, no shared cache,
 * no billing index (createGateway turns the index and the response cache off with them). Only
 * the process's BSS concurrency bound stays, as every BSS caller must keep it.
 */
import type { BillingOrder } from '../../src/domain/billing-order.js';
import type { Page } from '../../src/domain/page.js';
import { loadAll, type PagedSource } from '../../src/loaders/paged-source.js';
import {
  ILOP_BINDING_FIRST_PAGE,
  BSS_FIRST_PAGE,
  BSS_MAX_PAGE_SIZE,
  ILOP_FIRST_PAGE,
  ILOP_MAX_PAGE_SIZE,
} from '../../src/loaders/vendor-paging.js';
import type { LoaderFactory } from '../../src/server/context.js';

/** Every page read is its own call. */
function pages<T>(
  maxPageSize: number,
  load: (index: number, pageSize: number) => Promise<Page<T>>,
) {
  return { maxPageSize, loadPage: load } satisfies PagedSource<T>;
}

export const naiveLoaders: LoaderFactory = (services, _viewer, { call, ilopCall }) => {
  const { ilop, bss, bssLimit } = services;
  const detail = (id: string): Promise<BillingOrder | null> =>
    bssLimit(() => bss.getOrderDetail(id, call()));
  const devicePage = (iotId: string, index: number, pageSize: number) => ({
    iotId,
    pageNo: ILOP_FIRST_PAGE + index,
    pageSize,
  });
  const bindingPages = pages(services.bindingPageSize, (index, pageSize) =>
    ilop.listBindings({ pageNo: ILOP_BINDING_FIRST_PAGE + index, pageSize }, ilopCall()),
  );
  return {
    devices: {
      cloudStorageOrders: (iotId) =>
        pages(ILOP_MAX_PAGE_SIZE, (index, pageSize) =>
          ilop.queryCloudStorageOrders(devicePage(iotId, index, pageSize), ilopCall()),
        ),
      streamingOrders: (iotId) =>
        pages(ILOP_MAX_PAGE_SIZE, (index, pageSize) =>
          ilop.queryStreamingOrders(devicePage(iotId, index, pageSize), ilopCall()),
        ),
      cloudStorageOrder: (ref) => ilop.getCloudStorageOrder(ref, ilopCall()),
      streamingOrder: (ref) => ilop.getStreamingOrder(ref, ilopCall()),
      forgetDevice: async () => {}, // nothing remembered
    },
    bindings: {
      list: () => bindingPages,
      // Each device reads the whole list itself.
      binding: async (iotId) =>
        (await loadAll(bindingPages)).find((b) => b.iotId === iotId) ?? null,
    },
    devicePlans: {
      cloudStoragePlanAvailability: (ref) => ilop.checkCloudStoragePlan(ref, ilopCall()),
      freeCloudStorage: (iotId) => ilop.getFreeCloudStorage({ iotId }, ilopCall()),
      forgetDevice: () => {},
    },
    billing: {
      // Each `billingOrder` field fetches its order itself, bypassing the node's loader.
      resolveById: detail,
      loadByIds: (ids) => Promise.all(ids.map((id) => detail(id).catch((e: Error) => e))),
      subOrders: async (order) =>
        order.subOrders.length > 0
          ? order.subOrders
          : ((await detail(order.orderId))?.subOrders ?? []),
      remember: async () => {}, // no index to put it in
      billingOrders: (filter) =>
        pages(BSS_MAX_PAGE_SIZE, (index, pageSize) =>
          bssLimit(() =>
            bss.queryOrders({ ...filter, pageNum: BSS_FIRST_PAGE + index, pageSize }, call()),
          ),
        ),
    },
  };
};
