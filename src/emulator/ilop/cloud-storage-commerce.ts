import { parameterError } from '../ilop-codes.js';
import { requiredString } from '../ilop-params.js';
import type { Store } from '../state.js';
import { authorize, knownDevice, userOf, type IlopApi } from './call.js';

// Cloud-storage plans on sale and whether a device may buy one: commodity/query and commodity/check
// (docs/vendors.md#cloud-storage-plans).

/** A plan by its code and specification, or 460 naming both. */
export function knownCommodity(store: Store, commodityCode: string, specification: string) {
  const commodity = store.cloudCommodity(commodityCode, specification);
  if (!commodity) {
    throw parameterError(
      `commodityCode ${commodityCode} with specification ${specification} is not on sale (see cloudstorage/commodity/query)`,
      `云存储套餐${commodityCode}（规格${specification}）不存在`,
    );
  }
  return commodity;
}

const commodityQuery: IlopApi = {
  apiVer: '1.0.4',
  handle(call) {
    userOf(call);
    return {
      data: call.store.cloudCommodities().map((c) => ({
        commodityName: c.commodityName,
        commodityCode: c.commodityCode,
        specification: c.specification,
        recordType: c.recordType,
        price: c.price,
        lifecycle: c.lifecycle,
        months: c.months,
      })),
    };
  },
};

const commodityCheck: IlopApi = {
  apiVer: '1.0.3',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const commodityCode = requiredString(call.params, 'commodityCode');
    const specification = requiredString(call.params, 'specification');
    knownCommodity(call.store, commodityCode, specification);
    const device = knownDevice(call, iotId);
    authorize(call, device, false);
    return {
      data: { available: !(device.unavailableSpecifications ?? []).includes(specification) },
    };
  },
};

export const CLOUD_STORAGE_COMMERCE_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/cloudstorage/commodity/query': commodityQuery,
  '/vision/customer/cloudstorage/commodity/check': commodityCheck,
};
