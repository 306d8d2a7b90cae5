/**
 * BSS orders: QueryOrders (docs/vendors.md#queryorders) and GetOrderDetail (docs/vendors.md#bss), mapped into
 * `domain/billing-order`. Every order field arrives as a string, amounts included (docs/vendors.md#bss).
 */
import { z } from 'zod';
import type {
  BillingOrder,
  BillingOrderFilter,
  BillingOrderType,
  BillingPaymentStatus,
  BillingSubOrder,
  SubscriptionType,
} from '../../domain/billing-order.js';
import type { Money } from '../../domain/money.js';
import type { Page } from '../../domain/page.js';
import type { BssApi } from '../clients.js';
import { BadWireValue, wireDecimal, wireInt, wireText } from '../wire.js';
import { acsDate } from './acs-time.js';
import type { BssCall } from './client.js';

/** Domain enum ↔ BSS value, both ways (the QueryOrders document request and response fields). */
const SUBSCRIPTION_TYPE: Record<SubscriptionType, string> = {
  SUBSCRIPTION: 'Subscription',
  PAY_AS_YOU_GO: 'PayAsYouGo',
};
const ORDER_TYPE: Record<BillingOrderType, string> = {
  NEW: 'New',
  RENEW: 'Renew',
  UPGRADE: 'Upgrade',
  REFUND: 'Refund',
};
const PAYMENT_STATUS: Record<BillingPaymentStatus, string> = {
  UNPAID: 'Unpaid',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
};

/**
 * BSS knows more values than the QueryOrders document lists (e.g. other order types), so an unknown one maps to
 * null rather than failing the whole page.
 */
function fromWire<T extends string>(table: Record<T, string>, value: string | null): T | null {
  if (value === null) return null;
  const entry = Object.entries(table).find(([, wire]) => wire === value);
  return entry ? (entry[0] as T) : null;
}

const wireAmount = wireDecimal.nullish().or(z.literal('').transform(() => null));

export const wireBssOrder = z.object({
  OrderId: z.string().min(1),
  RelatedOrderId: wireText,
  ProductCode: wireText,
  ProductType: wireText,
  CommodityCode: wireText,
  SubscriptionType: wireText,
  OrderType: wireText,
  // Null for refunds (docs/vendors.md#queryorders).
  PaymentStatus: wireText,
  CreateTime: wireText,
  PaymentTime: wireText,
  Currency: wireText,
  PaymentCurrency: wireText,
  PretaxAmount: wireAmount,
  PretaxGrossAmount: wireAmount,
  PretaxAmountLocal: wireAmount,
  AfterTaxAmount: wireAmount,
  Tax: wireAmount,
});
export type WireBssOrder = z.output<typeof wireBssOrder>;

const wireQuantity = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((q) => (q === undefined || q === null || q === '' ? null : String(q)));

export const wireBssSubOrder = wireBssOrder.extend({
  SubOrderId: z.union([z.string().min(1), z.number().transform(String)]),
  OrderSubType: wireText,
  UsageStartTime: wireText,
  UsageEndTime: wireText,
  Quantity: wireQuantity,
  Region: wireText,
  InstanceIDs: wireText,
  Operator: wireText,
  Config: wireText,
});
export type WireBssSubOrder = z.output<typeof wireBssSubOrder>;

/** `OrderList: {Order: [...]}`; an empty result may leave either level out. */
const orderList = <T extends z.ZodType>(item: T) =>
  z
    .object({ Order: z.array(item).nullish() })
    .nullish()
    .transform((l) => l?.Order ?? []);

export const wireQueryOrdersData = z.object({
  PageNum: wireInt,
  PageSize: wireInt,
  TotalCount: wireInt,
  OrderList: orderList(wireBssOrder),
});

export const wireOrderDetailData = z
  .object({ OrderList: orderList(wireBssSubOrder) })
  .nullish()
  .transform((d) => d?.OrderList ?? []);

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function bssTime(value: string | null, field: string): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  if (!ISO_UTC.test(value) || Number.isNaN(date.getTime())) {
    throw new BadWireValue(`${field}: unreadable time ${JSON.stringify(value)}`);
  }
  return date;
}

/**
 * Amounts are in the order's `Currency`. Assumed CNY when BSS leaves it out (China site,
 * the QueryOrders document example).
 */
function money(amount: string | null | undefined, currency: string): Money | null {
  return amount === null || amount === undefined ? null : { amount, currency };
}

export function mapBssOrder(w: WireBssOrder): BillingOrder {
  const currency = w.Currency ?? 'CNY';
  return {
    orderId: w.OrderId,
    relatedOrderId: w.RelatedOrderId,
    productCode: w.ProductCode,
    productType: w.ProductType,
    commodityCode: w.CommodityCode,
    subscriptionType: fromWire(SUBSCRIPTION_TYPE, w.SubscriptionType),
    orderType: fromWire(ORDER_TYPE, w.OrderType),
    paymentStatus: fromWire(PAYMENT_STATUS, w.PaymentStatus),
    createTime: bssTime(w.CreateTime, 'CreateTime'),
    paymentTime: bssTime(w.PaymentTime, 'PaymentTime'),
    currency: w.Currency,
    paymentCurrency: w.PaymentCurrency,
    pretaxAmount: money(w.PretaxAmount, currency),
    pretaxGrossAmount: money(w.PretaxGrossAmount, currency),
    pretaxAmountLocal: money(w.PretaxAmountLocal, currency),
    afterTaxAmount: money(w.AfterTaxAmount, currency),
    tax: money(w.Tax, currency),
    subOrders: [],
  };
}

export function mapBssSubOrder(w: WireBssSubOrder): BillingSubOrder {
  return {
    subOrderId: w.SubOrderId,
    orderSubType: w.OrderSubType,
    usageStartTime: bssTime(w.UsageStartTime, 'UsageStartTime'),
    usageEndTime: bssTime(w.UsageEndTime, 'UsageEndTime'),
    quantity: w.Quantity,
    region: w.Region,
    instanceIds: w.InstanceIDs,
    operator: w.Operator,
    config: w.Config,
  };
}

/** GetOrderDetail lists sub-orders: the header comes from the first; none means no such order. */
export function mapOrderDetail(subOrders: WireBssSubOrder[]): BillingOrder | null {
  const first = subOrders[0];
  if (!first) return null;
  return { ...mapBssOrder(first), subOrders: subOrders.map(mapBssSubOrder) };
}

export function mapQueryOrdersPage(w: z.output<typeof wireQueryOrdersData>): Page<BillingOrder> {
  return {
    // PageNum is 1-based (docs/vendors.md#queryorders).
    offset: Math.max(0, w.PageNum - 1) * w.PageSize,
    pageSize: w.PageSize,
    total: w.TotalCount,
    items: w.OrderList.map(mapBssOrder),
  };
}

/** The filter as QueryOrders parameters; times as UTC `yyyy-MM-ddTHH:mm:ssZ` (docs/vendors.md#queryorders). */
export function queryOrdersParams(
  p: BillingOrderFilter & { pageNum: number; pageSize: number },
): Record<string, string | undefined> {
  return {
    CreateTimeStart: p.createdAfter && acsDate(p.createdAfter.getTime()),
    CreateTimeEnd: p.createdBefore && acsDate(p.createdBefore.getTime()),
    PageNum: String(p.pageNum),
    PageSize: String(p.pageSize),
    ProductCode: p.productCode,
    ProductType: p.productType,
    SubscriptionType: p.subscriptionType && SUBSCRIPTION_TYPE[p.subscriptionType],
    OrderType: p.orderType && ORDER_TYPE[p.orderType],
    PaymentStatus: p.paymentStatus && PAYMENT_STATUS[p.paymentStatus],
  };
}

export function ordersMethods(call: BssCall): Omit<BssApi, 'close'> {
  return {
    queryOrders(params, opts) {
      return call(
        {
          action: 'QueryOrders',
          params: queryOrdersParams(params),
          write: false,
          schema: wireQueryOrdersData,
          map: mapQueryOrdersPage,
        },
        opts,
      );
    },
    getOrderDetail(orderId, opts) {
      return call(
        {
          action: 'GetOrderDetail',
          params: { OrderId: orderId },
          write: false,
          schema: wireOrderDetailData,
          map: mapOrderDetail,
        },
        opts,
      );
    },
  };
}
