/**
 * How the billing index stores an order, in one place for every store (docs/billing-index.md,
 * storage): the list fields as a fixed row of typed values (SQLite's columns), enums as small
 * integers, times as epoch ms, the five amounts as their decimal strings with one currency for
 * all. Redis packs the row into bytes (packed-row.ts).
 */
import type {
  BillingOrder,
  BillingOrderType,
  BillingPaymentStatus,
  SubscriptionType,
} from '../domain/billing-order.js';
import type { Money } from '../domain/money.js';

const codes = <T extends string>(...values: T[]) => ({
  encode: (value: T | null) => (value === null ? null : values.indexOf(value)),
  decode: (code: number | null) => (code === null ? null : (values[code] ?? null)),
});

const SUBSCRIPTION = codes<SubscriptionType>('SUBSCRIPTION', 'PAY_AS_YOU_GO');
const ORDER_TYPE = codes<BillingOrderType>('NEW', 'RENEW', 'UPGRADE', 'REFUND');
export const PAYMENT_STATUS = codes<BillingPaymentStatus>('UNPAID', 'PAID', 'CANCELLED');

/** The stored columns, in row order (SQLite's table has them in this order). */
export const ORDER_COLUMNS = [
  'id',
  'related',
  'product_code',
  'product_type',
  'commodity_code',
  'subscription_type',
  'order_type',
  'payment_status',
  'created',
  'paid',
  'currency',
  'payment_currency',
  'amount_currency',
  'pretax',
  'pretax_gross',
  'pretax_local',
  'after_tax',
  'tax',
] as const;

export type OrderRow = (string | number | null)[];

/** The filter fields that are columns, as they are stored (enums as their codes). */
export const FILTER_COLUMNS = {
  productCode: ['product_code', (v: string) => v],
  productType: ['product_type', (v: string) => v],
  subscriptionType: ['subscription_type', (v: SubscriptionType) => SUBSCRIPTION.encode(v)],
  orderType: ['order_type', (v: BillingOrderType) => ORDER_TYPE.encode(v)],
  paymentStatus: ['payment_status', (v: BillingPaymentStatus) => PAYMENT_STATUS.encode(v)],
} as const;

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const date = (v: string | number | null) => (v === null ? null : new Date(v as number));
const str = (v: string | number | null) => (v === null ? null : String(v));
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** An order's list fields as a row (sub-orders are not stored: GetOrderDetail has them). */
export function toRow(o: BillingOrder): OrderRow {
  const amounts = [
    o.pretaxAmount,
    o.pretaxGrossAmount,
    o.pretaxAmountLocal,
    o.afterTaxAmount,
    o.tax,
  ];
  // The QueryOrders mapping gives every amount the order's one currency.
  const amountCurrency = amounts.find((m) => m !== null)?.currency ?? null;
  return [
    o.orderId,
    o.relatedOrderId,
    o.productCode,
    o.productType,
    o.commodityCode,
    SUBSCRIPTION.encode(o.subscriptionType),
    ORDER_TYPE.encode(o.orderType),
    PAYMENT_STATUS.encode(o.paymentStatus),
    ms(o.createTime),
    ms(o.paymentTime),
    o.currency,
    o.paymentCurrency,
    amountCurrency,
    ...amounts.map((m) => m?.amount ?? null),
  ];
}

export function fromRow(r: OrderRow): BillingOrder {
  const currency = str(r[12]!);
  const money = (v: string | number | null): Money | null =>
    v === null ? null : { amount: String(v), currency: currency ?? '' };
  return {
    orderId: String(r[0]),
    relatedOrderId: str(r[1]!),
    productCode: str(r[2]!),
    productType: str(r[3]!),
    commodityCode: str(r[4]!),
    subscriptionType: SUBSCRIPTION.decode(num(r[5]!)),
    orderType: ORDER_TYPE.decode(num(r[6]!)),
    paymentStatus: PAYMENT_STATUS.decode(num(r[7]!)),
    createTime: date(r[8]!),
    paymentTime: date(r[9]!),
    currency: str(r[10]!),
    paymentCurrency: str(r[11]!),
    pretaxAmount: money(r[13]!),
    pretaxGrossAmount: money(r[14]!),
    pretaxAmountLocal: money(r[15]!),
    afterTaxAmount: money(r[16]!),
    tax: money(r[17]!),
    subOrders: [],
  };
}

/** Redis layout 1's row (the row without its id, as a JSON array): read once, to migrate. */
export const decodeLayout1Order = (id: string, text: string): BillingOrder =>
  fromRow([id, ...(JSON.parse(text) as OrderRow)]);
