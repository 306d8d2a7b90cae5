import type { PaymentStatus } from './cloud-storage-order.js';
import { date, objectCodec } from './json-codec.js';
import type { Money } from './money.js';

/** Living IoT streaming `status`: 0 valid, 1 expired, 2 frozen. */
export type StreamingStatus = 'ACTIVE' | 'EXPIRED' | 'FROZEN';

export interface StreamingOrder {
  /** Which kind of subscription order this is, where both kinds meet (SubscriptionOrder). */
  kind: 'streaming';
  /** Not in the create document's response; the gateway knows it from the request. */
  iotId: string;
  identityId: string | null;
  orderId: string;
  outOrderNo: string | null;
  commodityName: string | null;
  commodityCode: string;
  copies: number;
  months: number | null;
  startTime: Date | null;
  endTime: Date | null;
  status: StreamingStatus;
  paymentStatus: PaymentStatus;
  price: Money;
  userName: string | null;
  userId: string | null;
}

export const streamingOrderCodec = objectCodec<StreamingOrder>({ startTime: date, endTime: date });
