import { date, objectCodec } from './json-codec.js';
import type { RecordType } from './cloud-storage-order.js';

/** A device's free cloud-storage plan (freecloudstorage/get); `offered: false` when it has none. */
export interface FreeCloudStorage {
  offered: boolean;
  claimed: boolean;
  /** Free plans still to claim (`remainQuota`). */
  remainingQuota: number;
  recordType: RecordType | null;
  videoRetentionDays: number | null;
  months: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  expired: boolean;
}

export const freeCloudStorageCodec = objectCodec<FreeCloudStorage>({
  startsAt: date,
  endsAt: date,
});
