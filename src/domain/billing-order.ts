import { date, listOf, objectCodec } from './json-codec.js';
import type { Money } from './money.js';

export type SubscriptionType = 'SUBSCRIPTION' | 'PAY_AS_YOU_GO';
export type BillingOrderType = 'NEW' | 'RENEW' | 'UPGRADE' | 'REFUND';
export type BillingPaymentStatus = 'UNPAID' | 'PAID' | 'CANCELLED';

/** A BSS order (docs/vendors.md#queryorders). Amounts keep the vendor's decimal strings. */
export interface BillingOrder {
  orderId: string;
  relatedOrderId: string | null;
  productCode: string | null;
  productType: string | null;
  commodityCode: string | null;
  subscriptionType: SubscriptionType | null;
  orderType: BillingOrderType | null;
  /** Null for refunds (docs/vendors.md#queryorders). */
  paymentStatus: BillingPaymentStatus | null;
  createTime: Date | null;
  paymentTime: Date | null;
  currency: string | null;
  paymentCurrency: string | null;
  pretaxAmount: Money | null;
  pretaxGrossAmount: Money | null;
  pretaxAmountLocal: Money | null;
  afterTaxAmount: Money | null;
  tax: Money | null;
  /** GetOrderDetail only: the order's sub-orders. Empty from QueryOrders. */
  subOrders: BillingSubOrder[];
}

export interface BillingSubOrder {
  subOrderId: string;
  orderSubType: string | null;
  usageStartTime: Date | null;
  usageEndTime: Date | null;
  quantity: string | null;
  region: string | null;
  instanceIds: string | null;
  operator: string | null;
  config: string | null;
}

const billingSubOrderCodec = objectCodec<BillingSubOrder>({
  usageStartTime: date,
  usageEndTime: date,
});

export const billingOrderCodec = objectCodec<BillingOrder>({
  createTime: date,
  paymentTime: date,
  subOrders: listOf(billingSubOrderCodec),
});

export interface BillingOrderFilter {
  createdAfter?: Date;
  createdBefore?: Date;
  productCode?: string;
  productType?: string;
  subscriptionType?: SubscriptionType;
  orderType?: BillingOrderType;
  paymentStatus?: BillingPaymentStatus;
}
