import { date, objectCodec } from './json-codec.js';
import type { Money } from './money.js';

/** Living IoT `status`: 0 active, 1 expired, 2 frozen, 3 creating (unpaid). */
export type CloudStorageStatus = 'ACTIVE' | 'EXPIRED' | 'FROZEN' | 'CREATING';
/** Living IoT `paymentStatus`: 0 unpaid, 1 paid, 2 paying. */
export type PaymentStatus = 'UNPAID' | 'PAID' | 'PAYING';
/** Living IoT `recordType`: 1 continuous, 2 event. */
export type RecordType = 'CONTINUOUS' | 'EVENT';
/** Living IoT `orderType`: 0 paid, 1 free. */
export type OrderType = 'PAID' | 'FREE';

export interface CloudStorageOrder {
  /** Which kind of subscription order this is, where both kinds meet (SubscriptionOrder). */
  kind: 'cloudStorage';
  iotId: string;
  identityId: string | null;
  commodityCode: string;
  specification: string | null;
  copies: number;
  price: Money;
  userName: string | null;
  userId: string | null;
  orderId: string;
  /** The BSS OrderId of this order (docs/vendors.md#endpoints). */
  outOrderNo: string | null;
  status: CloudStorageStatus;
  paymentStatus: PaymentStatus;
  recordType: RecordType | null;
  orderType: OrderType;
  startTime: Date | null;
  endTime: Date | null;
  /** Seconds of service already used. */
  preConsume: number | null;
}

export const cloudStorageOrderCodec = objectCodec<CloudStorageOrder>({
  startTime: date,
  endTime: date,
});
