/**
 * Per-device plan reads a sales screen needs: whether the device may buy a cloud-storage plan
 * (commodity/check) and its free plan (freecloudstorage/get). Batched and deduplicated per
 * request; through the shared cache keyed by device and caller, so a write to the device drops
 * them with its orders.
 */
import DataLoader from 'dataloader';
import type { CloudStoragePlanAvailability } from '../domain/cloud-storage-plan.js';
import { freeCloudStorageCodec, type FreeCloudStorage } from '../domain/free-cloud-storage.js';
import type { JsonCodec } from '../domain/json-codec.js';
import type { MaybePromise } from '../domain/maybe-promise.js';
import type { IlopApi, IlopCallOptions } from '../upstream/clients.js';
import { createDeviceRead, type DeviceReadOptions } from './device-read.js';

export interface PlanRef {
  iotId: string;
  commodityCode: string;
  specification: string;
}

/** `{ available }` holds no date: the JSON is the value. */
const availabilityCodec: JsonCodec<CloudStoragePlanAvailability> = {
  decode: (json) => json as CloudStoragePlanAvailability,
};

export function createDevicePlanLoaders(
  ilop: IlopApi,
  call: () => IlopCallOptions,
  options: DeviceReadOptions,
) {
  const read = createDeviceRead(call, options);
  /** One call per distinct key of the batch, each failing alone. */
  function batched<K, T>(key: (k: K) => string, load: (k: K) => MaybePromise<T>) {
    return new DataLoader<K, T, string>(
      (keys) => Promise.all(keys.map((k) => Promise.resolve(load(k)).catch((e: Error) => e))),
      { cacheKeyFn: key },
    );
  }

  const availability = batched(
    (r: PlanRef) => `${r.iotId}|${r.commodityCode}|${r.specification}`,
    (r) =>
      read(
        r.iotId,
        'cs-check',
        `${encodeURIComponent(r.commodityCode)}|${encodeURIComponent(r.specification)}`,
        availabilityCodec,
        (o) => ilop.checkCloudStoragePlan(r, o),
      ),
  );
  const freePlan = batched(
    (iotId: string) => iotId,
    (iotId) =>
      read(iotId, 'free-cs', '', freeCloudStorageCodec, (o) =>
        ilop.getFreeCloudStorage({ iotId }, o),
      ),
  );

  return {
    cloudStoragePlanAvailability: (ref: PlanRef): Promise<CloudStoragePlanAvailability> =>
      availability.load(ref),
    freeCloudStorage: (iotId: string): Promise<FreeCloudStorage> => freePlan.load(iotId),
    /** After a write to the device: forget its reads in this request (the shared cache is the orders loaders'). */
    forgetDevice(iotId: string): void {
      freePlan.clear(iotId);
      availability.clearAll();
    },
  };
}
export type DevicePlanLoaders = ReturnType<typeof createDevicePlanLoaders>;
