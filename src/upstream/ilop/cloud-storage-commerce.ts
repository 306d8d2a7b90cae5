/**
 * Cloud-storage plans on sale, whether a device may buy one, and buying it: commodity/query 1.0.4,
 * commodity/check 1.0.3 and commodity/buy 1.0.8 (docs/vendors.md#cloud-storage-plans).
 */
import { z } from 'zod';
import type { CloudStoragePlan } from '../../domain/cloud-storage-plan.js';
import type { IlopApi } from '../clients.js';
import { enumFromInt, wireDecimal, wireInt } from '../wire.js';
import type { IlopCall } from './client.js';
import { mapCloudStorageOrder, RECORD_TYPE, wireCloudStorageOrder } from './cloud-storage.js';
import { livingIotMoney } from './order-fields.js';

export const CLOUD_STORAGE_COMMERCE_PATHS = {
  plans: '/vision/customer/cloudstorage/commodity/query',
  check: '/vision/customer/cloudstorage/commodity/check',
  buy: '/vision/customer/cloudstorage/commodity/buy',
  enable: '/vision/customer/cloudstorage/commodity/enable',
  statusSet: '/vision/customer/cloudstorage/status/set',
  transfer: '/vision/customer/cloudstorage/transfer',
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
): Pick<
  IlopApi,
  | 'queryCloudStoragePlans'
  | 'checkCloudStoragePlan'
  | 'buyCloudStoragePlan'
  | 'enableCloudStorageOrder'
  | 'freezeCloudStorageOrder'
  | 'transferCloudStorageOrder'
> {
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
    buyCloudStoragePlan(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.buy,
          apiVer: '1.0.8',
          write: true,
          long: true,
          params: { ...params },
          schema: z.object({ orderId: z.string().min(1) }),
          map: (w) => w.orderId,
        },
        opts,
      );
    },
    transferCloudStorageOrder(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.transfer,
          apiVer: '1.0.1',
          write: true,
          params: { ...params },
          schema: wireCloudStorageOrder,
          map: (w) => mapCloudStorageOrder(w, params.dstIotId),
        },
        opts,
      );
    },
    freezeCloudStorageOrder(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.statusSet,
          apiVer: '1.0.1',
          write: true,
          params: { iotId: params.iotId, orderId: params.orderId, status: 2 },
          schema: wireCloudStorageOrder,
          map: (w) => mapCloudStorageOrder(w, params.iotId),
        },
        opts,
      );
    },
    enableCloudStorageOrder(params, opts) {
      return call(
        {
          path: CLOUD_STORAGE_COMMERCE_PATHS.enable,
          apiVer: '1.0.0',
          write: true,
          params: { iotId: params.iotId, orderId: params.orderId },
          schema: wireCloudStorageOrder,
          map: (w) => mapCloudStorageOrder(w, params.iotId),
        },
        opts,
      );
    },
  };
}
