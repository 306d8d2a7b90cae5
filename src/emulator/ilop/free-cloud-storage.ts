import type { FreeCloudStorage } from '../dataset-schema.js';
import { requiredString } from '../ilop-params.js';
import { authorize, knownDevice, type IlopApi } from './call.js';

// A device's free cloud-storage plan: freecloudstorage/get (docs/vendors.md#free-plan).

/** The wire shape: the record without its device (implied by the request); unclaimed times as null. */
export function freePlanWire(plan: FreeCloudStorage) {
  return {
    type: plan.type,
    lifecycle: plan.lifecycle,
    months: plan.months,
    consumed: plan.consumed,
    startTime: plan.startTime ?? null,
    endTime: plan.endTime ?? null,
    startTimeUTC: plan.startTimeUTC ?? null,
    endTimeUTC: plan.endTimeUTC ?? null,
    expired: plan.expired,
    remainQuota: plan.remainQuota,
  };
}

const freePlanGet: IlopApi = {
  apiVer: '1.0.1',
  handle(call) {
    const iotId = requiredString(call.params, 'iotId');
    const device = knownDevice(call, iotId);
    authorize(call, device, false);
    // A device with no free plan to offer answers data: null (a guess).
    const plan = call.store.freePlan(iotId);
    return { data: plan ? freePlanWire(plan) : null };
  },
};

export const FREE_CLOUD_STORAGE_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/freecloudstorage/get': freePlanGet,
};
