/**
 * The cloud-storage plans on sale (commodity/query): the same for every caller, so read with the
 * AppKey's own authority (no iotToken) and kept for a few minutes for all callers together. The
 * availability check and the cloud-storage purchases validate codes against it.
 */
import type { CloudStoragePlan } from '../domain/cloud-storage-plan.js';
import type { IlopApi, IlopCallOptions } from '../upstream/clients.js';
import { createTimedReads } from './timed-reads.js';

const ALL_CALLERS = '';

export function createCloudStoragePlansCache(ilop: IlopApi, now: () => number = Date.now) {
  const read = createTimedReads((call) => ilop.queryCloudStoragePlans(call), now);
  return ({ iotToken: _userToken, ...call }: IlopCallOptions): Promise<CloudStoragePlan[]> =>
    read(ALL_CALLERS, call);
}
export type CloudStoragePlansCache = ReturnType<typeof createCloudStoragePlansCache>;
