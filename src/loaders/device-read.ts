/** A per-device vendor read through the shared cache (when it is on), keyed by device and caller. */
import { deviceCacheKey, type ReadTracker, type VendorCache } from '../caching/vendor-cache.js';
import type { JsonCodec } from '../domain/json-codec.js';
import type { MaybePromise } from '../domain/maybe-promise.js';
import { detached, type IlopCallOptions } from '../upstream/clients.js';

export interface DeviceReadOptions {
  cache: VendorCache;
  /** The viewer's cache key: part of every shared-cache key. */
  callerKey: string;
  /** The request's reads, for the response cache. */
  tracker?: ReadTracker;
}

export function createDeviceRead(
  call: () => IlopCallOptions,
  { cache, callerKey, tracker }: DeviceReadOptions,
) {
  return function read<T>(
    iotId: string,
    api: string,
    what: string,
    codec: JsonCodec<T>,
    load: (o: IlopCallOptions) => Promise<T>,
  ): MaybePromise<T> {
    if (!cache.enabled) {
      tracker?.untracked();
      return load(call());
    }
    return cache.readNow(
      deviceCacheKey(iotId, callerKey, api, what),
      codec,
      () => load(detached(call())),
      tracker,
    );
  };
}
