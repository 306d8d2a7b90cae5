/**
 * The caller's binding list (`/uc/listBindingByAccount`, the caller's own iotToken): pages per
 * request and through the shared cache, keyed by a hash of the caller's credential. A device's
 * binding fields read the whole list once per request (and once per caller per cache TTL), not
 * one call per device.
 */
import { bindingCacheKey, type ReadTracker, type VendorCache } from '../caching/vendor-cache.js';
import { deviceBindingCodec, type DeviceBinding } from '../domain/device-binding.js';
import { pageOf } from '../domain/page.js';
import { detached, type IlopApi, type IlopCallOptions } from '../upstream/clients.js';
import { createPageLoader, loadAll, type PagedSource } from './paged-source.js';
import { ILOP_BINDING_FIRST_PAGE } from './vendor-paging.js';

const bindingPageCodec = pageOf(deviceBindingCodec);

export interface BindingLoaderOptions {
  cache: VendorCache;
  callerKey: string;
  tracker?: ReadTracker;
  /** Rows per vendor page (ILOP_BINDING_PAGE_SIZE). */
  pageSize: number;
}

export function createBindingLoaders(
  ilop: IlopApi,
  call: () => IlopCallOptions,
  { cache, callerKey, tracker, pageSize: maxPageSize }: BindingLoaderOptions,
) {
  const pages = createPageLoader<string, DeviceBinding>(
    (key) => key,
    (_key, index, pageSize) => {
      const pageNo = ILOP_BINDING_FIRST_PAGE + index;
      const load = (o: IlopCallOptions) => ilop.listBindings({ pageNo, pageSize }, o);
      if (!cache.enabled) {
        tracker?.untracked();
        return load(call());
      }
      return cache.read(
        bindingCacheKey(callerKey, `${pageNo}:${pageSize}`),
        bindingPageCodec,
        () => load(detached(call())),
        tracker,
      );
    },
  );
  const source = pages.source('bindings', maxPageSize);
  let byIotId: Promise<Map<string, DeviceBinding>> | undefined;
  return {
    /** The caller's devices, page by page, as the vendor lists them. */
    list: (): PagedSource<DeviceBinding> => source,
    /** One device's binding: null when the caller's list does not hold it. */
    async binding(iotId: string): Promise<DeviceBinding | null> {
      byIotId ??= loadAll(source).then((all) => new Map(all.map((b) => [b.iotId, b])));
      return (await byIotId).get(iotId) ?? null;
    },
  };
}
export type BindingLoaders = ReturnType<typeof createBindingLoaders>;
