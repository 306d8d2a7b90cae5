import type { RecordType } from './cloud-storage-order.js';
import type { Money } from './money.js';

/** A cloud-storage plan on sale (commodity/query): bought by `commodityCode` and `specification`. */
export interface CloudStoragePlan {
  commodityCode: string;
  specification: string;
  name: string;
  recordType: RecordType;
  /** Days of video kept (`lifecycle`). */
  videoRetentionDays: number;
  /** Months of service per copy. */
  months: number;
  price: Money;
}

/** Whether one device may buy one plan (commodity/check). */
export interface CloudStoragePlanAvailability {
  available: boolean;
}
