/** A device's free cloud-storage plan: freecloudstorage/get 1.0.1 (docs/vendors.md#free-plan). */
import { z } from 'zod';
import type { FreeCloudStorage } from '../../domain/free-cloud-storage.js';
import type { IlopApi } from '../clients.js';
import { enumFromInt, wireInt } from '../wire.js';
import type { IlopCall } from './client.js';
import { RECORD_TYPE } from './cloud-storage.js';
import { wireTime } from './order-fields.js';
import { parsePlatformTime } from './platform-time.js';

export const FREE_CLOUD_STORAGE_PATHS = {
  get: '/vision/customer/freecloudstorage/get',
  consume: '/vision/customer/freecloudstorage/consume',
} as const;

/** The consume document's code for a free plan already claimed: a guess (docs/vendors.md#free-plan). */
export const FREE_PLAN_USED_CODE = '6451';

export const wireFreeCloudStorage = z.object({
  type: wireInt.nullish(),
  lifecycle: wireInt.nullish(),
  months: wireInt.nullish(),
  consumed: z.boolean(),
  remainQuota: wireInt.nullish(),
  expired: z.boolean().nullish(),
  startTime: wireTime,
  endTime: wireTime,
  startTimeUTC: wireTime,
  endTimeUTC: wireTime,
});

/** No free plan to offer (data null) reads as one that is not offered. */
const NOT_OFFERED: FreeCloudStorage = {
  offered: false,
  claimed: false,
  remainingQuota: 0,
  recordType: null,
  videoRetentionDays: null,
  months: null,
  startsAt: null,
  endsAt: null,
  expired: false,
};

export function mapFreeCloudStorage(
  w: z.output<typeof wireFreeCloudStorage> | null,
): FreeCloudStorage {
  if (w === null) return { ...NOT_OFFERED };
  return {
    offered: true,
    claimed: w.consumed,
    remainingQuota: w.remainQuota ?? 0,
    recordType: w.type == null ? null : enumFromInt(RECORD_TYPE, w.type, 'type'),
    videoRetentionDays: w.lifecycle ?? null,
    months: w.months ?? null,
    startsAt: parsePlatformTime(w.startTimeUTC, w.startTime, 'startTime'),
    endsAt: parsePlatformTime(w.endTimeUTC, w.endTime, 'endTime'),
    expired: w.expired ?? false,
  };
}

export function freeCloudStorageMethods(
  call: IlopCall,
  versions: { freeCloudStorageConsumeApiVer: string },
): Pick<IlopApi, 'getFreeCloudStorage' | 'consumeFreeCloudStorage'> {
  return {
    consumeFreeCloudStorage(params, opts) {
      return call(
        {
          path: FREE_CLOUD_STORAGE_PATHS.consume,
          apiVer: versions.freeCloudStorageConsumeApiVer,
          write: true,
          params: { ...params },
          schema: wireFreeCloudStorage,
          map: mapFreeCloudStorage,
        },
        opts,
      );
    },
    getFreeCloudStorage(params, opts) {
      return call(
        {
          path: FREE_CLOUD_STORAGE_PATHS.get,
          apiVer: '1.0.1',
          write: false,
          params: { iotId: params.iotId },
          schema: wireFreeCloudStorage.nullable(),
          map: mapFreeCloudStorage,
        },
        opts,
      );
    },
  };
}
