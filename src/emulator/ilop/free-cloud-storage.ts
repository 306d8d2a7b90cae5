import { addCalendarMonths } from '../clock.js';
import { times } from '../dataset.js';
import type { FreeCloudStorage } from '../dataset-schema.js';
import { IlopFailure, parameterError } from '../ilop-codes.js';
import { optionalBoolean, optionalInt, requiredString } from '../ilop-params.js';
import { authorize, knownDevice, type IlopApi } from './call.js';
import { queueEnd, recordSettingsOf } from './cloud-storage-orders.js';

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

/**
 * Claim (the consume document): once per device, `quota` (1–3, default 1) of what remains; the
 * plan runs `months × quota` from now (`immediateUse`) or after the device's last plan (default).
 * A plan already claimed, or too little quota left, is code 6451 (a guess); no plan to offer, 460.
 */
const freePlanConsume: IlopApi = {
  apiVer: '1.0.3',
  handle(call) {
    const p = call.params;
    const iotId = requiredString(p, 'iotId');
    const quota = optionalInt(p, 'quota', { min: 1, max: 3 }) ?? 1;
    const immediateUse = optionalBoolean(p, 'immediateUse') ?? false;
    const { enableDefaultPlan, preRecordDuration, recordDuration } = recordSettingsOf(p);
    void [enableDefaultPlan, preRecordDuration, recordDuration]; // validated; not kept
    const device = knownDevice(call, iotId);
    authorize(call, device, true);
    const plan = call.store.freePlan(iotId);
    if (!plan) {
      throw parameterError(
        `device ${iotId} has no free plan to claim`,
        `设备${iotId}没有免费云存储`,
      );
    }
    if (plan.consumed || plan.remainQuota < quota) throw new IlopFailure(6451);
    const now = Math.floor(call.now / 1000) * 1000;
    const start = immediateUse ? now : queueEnd(call.store.cloudOrdersOf(iotId), now);
    Object.assign(plan, times(start, addCalendarMonths(start, plan.months * quota)), {
      consumed: true,
      remainQuota: plan.remainQuota - quota,
      expired: false,
    });
    call.store.changed();
    return { data: freePlanWire(plan), quiet: true };
  },
};

export const FREE_CLOUD_STORAGE_APIS: Readonly<Record<string, IlopApi>> = {
  '/vision/customer/freecloudstorage/get': freePlanGet,
  '/vision/customer/freecloudstorage/consume': freePlanConsume,
};
