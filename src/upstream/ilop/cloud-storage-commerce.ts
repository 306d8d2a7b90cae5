/**
 * Cloud-storage plans on sale and whether a device may buy one: commodity/query 1.0.4 and
 * commodity/check 1.0.3 (docs/vendors.md#cloud-storage-plans).
 */
import { z } from 'zod';
import type { CloudStoragePlan } from '../../domain/cloud-storage-plan.js';
import type { IlopApi } from '../clients.js';
import { enumFromInt, wireDecimal, wireInt } from '../wire.js';
import type { IlopCall } from './client.js';
import { RECORD_TYPE } from './cloud-storage.js';
import { livingIotMoney } from './order-fields.js';

export const CLOUD_STORAGE_COMMERCE_PATHS = {
  plans: '/vision/customer/cloudstorage/commodity/query',
  check: '/vision/customer/cloudstorage/commodity/check',
} as const;

export const wireCloudStoragePlan = z.object({
  commodityCode: z.string().min(1),
  commodityName: z.string(),
  specification: z.string().min(1),
  recordType: wireInt,
  price: wireDecimal,
  lifecycle: wireInt,
  months: wireInt,
});

export function mapCloudStoragePlan(w: z.output<typeof wireCloudStoragePlan>): CloudStoragePlan {
  return {
    commodityCode: w.commodityCode,
    specification: w.specification,
    name: w.commodityName,
    recordType: enumFromInt(RECORD_TYPE, w.recordType, 'recordType'),
    videoRetentionDays: w.lifecycle,
    months: w.months,
    price: livingIotMoney(w.price),
  };
}

export function cloudStorageCommerceMethods(
  call: IlopCall,
): Pick<IlopApi, 'queryCloudStoragePlans' | 'checkCloudStoragePlan'> {
  return {
    queryCloudStoragePlans(opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.plans,
          apiVer: '1.0.4',
          write: false,
          params: {},
          schema: z.array(wireCloudStoragePlan).nullable(),
          map: (w) => (w ?? []).map(mapCloudStoragePlan),
        },
        opts,
      );
    },
    checkCloudStoragePlan(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.check,
          apiVer: '1.0.3',
          write: false,
          params: { ...params },
          schema: z.object({ available: z.boolean() }),
          map: (w) => ({ available: w.available }),
        },
        opts,
      );
    },
  };
}
