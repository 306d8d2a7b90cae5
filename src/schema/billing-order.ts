import type {
  BillingOrder as BillingOrderShape,
  BillingSubOrder,
} from '../domain/billing-order.js';
import { badInput } from '../server/client-errors.js';
import { loadWindow } from '../loaders/paged-source.js';
import { builder } from './builder.js';
import { BILLING_ORDER_CONNECTION, SUB_ORDERS } from './field-cost.js';
import { Money } from './money.js';
import { buildConnection, parseConnectionArgs } from './pagination.js';

export const SubscriptionType = builder.enumType('SubscriptionType', {
  description: 'How a billing order is charged (BSS `SubscriptionType`).',
  values: {
    SUBSCRIPTION: { description: 'Prepaid subscription (`Subscription`).' },
    PAY_AS_YOU_GO: { description: 'Pay as you go (`PayAsYouGo`).' },
  } as const,
});

export const BillingOrderType = builder.enumType('BillingOrderType', {
  description: 'What a billing order did (BSS `OrderType`).',
  values: {
    NEW: { description: 'A new purchase (`New`).' },
    RENEW: { description: 'A renewal (`Renew`).' },
    UPGRADE: { description: 'An upgrade (`Upgrade`).' },
    REFUND: { description: 'A refund (`Refund`).' },
  } as const,
});

export const BillingPaymentStatus = builder.enumType('BillingPaymentStatus', {
  description: 'Payment state of a billing order (BSS `PaymentStatus`).',
  values: {
    UNPAID: { description: 'Not paid (`Unpaid`).' },
    PAID: { description: 'Paid (`Paid`).' },
    CANCELLED: { description: 'Cancelled (`Cancelled`).' },
  } as const,
});

const BillingSubOrderRef = builder.objectRef<BillingSubOrder>('BillingSubOrder').implement({
  description: 'One line of a billing order (BSS GetOrderDetail).',
  fields: (t) => ({
    subOrderId: t.exposeString('subOrderId', { description: 'Sub-order ID (`SubOrderId`).' }),
    orderSubType: t.exposeString('orderSubType', {
      nullable: true,
      description: 'Sub-order type (`OrderSubType`).',
    }),
    usageStartTime: t.expose('usageStartTime', {
      type: 'DateTime',
      nullable: true,
      description: 'When usage starts (`UsageStartTime`).',
    }),
    usageEndTime: t.expose('usageEndTime', {
      type: 'DateTime',
      nullable: true,
      description: 'When usage ends (`UsageEndTime`).',
    }),
    quantity: t.exposeString('quantity', { nullable: true, description: 'Quantity (`Quantity`).' }),
    region: t.exposeString('region', { nullable: true, description: 'Region (`Region`).' }),
    instanceIds: t.exposeString('instanceIds', {
      nullable: true,
      description: 'Instance IDs, as BSS lists them (`InstanceIDs`).',
    }),
    operator: t.exposeString('operator', { nullable: true, description: 'Operator (`Operator`).' }),
    config: t.exposeString('config', {
      nullable: true,
      description: 'Configuration text (`Config`).',
    }),
  }),
});

/** A BSS order, loaded by `OrderId` through GetOrderDetail: one call per distinct id per request. */
export const BillingOrder = builder.loadableNode('BillingOrder', {
  description: 'An order in the Alibaba Cloud account (BSS). Admin API keys only.',
  authScopes: { admin: true },
  id: { resolve: (o: BillingOrderShape) => o.orderId },
  load: (ids: string[], ctx) => ctx.billing.loadByIds(ids),
  fields: (t) => ({
    orderId: t.exposeString('orderId', { description: 'BSS order ID (`OrderId`).' }),
    relatedOrderId: t.exposeString('relatedOrderId', {
      nullable: true,
      description: 'Related order ID (`RelatedOrderId`).',
    }),
    productCode: t.exposeString('productCode', {
      nullable: true,
      description: 'Main product code (`ProductCode`).',
    }),
    productType: t.exposeString('productType', {
      nullable: true,
      description: 'Main product type (`ProductType`).',
    }),
    commodityCode: t.exposeString('commodityCode', {
      nullable: true,
      description: 'Commodity code (`CommodityCode`).',
    }),
    subscriptionType: t.expose('subscriptionType', {
      type: SubscriptionType,
      nullable: true,
      description: 'How it is charged (`SubscriptionType`).',
    }),
    orderType: t.expose('orderType', {
      type: BillingOrderType,
      nullable: true,
      description: 'What the order did (`OrderType`).',
    }),
    paymentStatus: t.expose('paymentStatus', {
      type: BillingPaymentStatus,
      nullable: true,
      description: 'Payment state (`PaymentStatus`); null for refunds.',
    }),
    createTime: t.expose('createTime', {
      type: 'DateTime',
      nullable: true,
      description: 'When the order was created (`CreateTime`).',
    }),
    paymentTime: t.expose('paymentTime', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was paid (`PaymentTime`).',
    }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency (`Currency`).' }),
    paymentCurrency: t.exposeString('paymentCurrency', {
      nullable: true,
      description: 'Currency paid in (`PaymentCurrency`).',
    }),
    pretaxAmount: t.expose('pretaxAmount', {
      type: Money,
      nullable: true,
      description: 'Amount payable before tax (`PretaxAmount`).',
    }),
    pretaxGrossAmount: t.expose('pretaxGrossAmount', {
      type: Money,
      nullable: true,
      description: 'Original amount before discounts (`PretaxGrossAmount`).',
    }),
    pretaxAmountLocal: t.expose('pretaxAmountLocal', {
      type: Money,
      nullable: true,
      description: 'Amount in the local currency (`PretaxAmountLocal`).',
    }),
    afterTaxAmount: t.expose('afterTaxAmount', {
      type: Money,
      nullable: true,
      description: 'Amount after tax (`AfterTaxAmount`).',
    }),
    tax: t.expose('tax', { type: Money, nullable: true, description: 'Tax (`Tax`).' }),
    subOrders: t.field({
      type: [BillingSubOrderRef],
      description:
        'The order lines (BSS GetOrderDetail, read only when this field is selected: lists and the billing index hold the other fields).',
      extensions: SUB_ORDERS,
      resolve: (o, _args, ctx) => ctx.billing.subOrders(o),
    }),
  }),
});

export const BillingOrderFilter = builder.inputType('BillingOrderFilter', {
  description:
    'Which billing orders to list. With neither `createdAfter` nor `createdBefore`, BSS lists the last hour.',
  fields: (t) => ({
    createdAfter: t.field({
      type: 'DateTime',
      description: 'Created at or after (`CreateTimeStart`).',
    }),
    createdBefore: t.field({
      type: 'DateTime',
      description: 'Created before (`CreateTimeEnd`).',
    }),
    productCode: t.string({ description: 'Main product code (`ProductCode`).' }),
    productType: t.string({ description: 'Main product type (`ProductType`).' }),
    subscriptionType: t.field({ type: SubscriptionType, description: 'Charging model.' }),
    orderType: t.field({ type: BillingOrderType, description: 'Order type.' }),
    paymentStatus: t.field({ type: BillingPaymentStatus, description: 'Payment state.' }),
  }),
});

builder.queryField('billingOrders', (t) =>
  t.connection(
    {
      type: BillingOrder,
      authScopes: { admin: true },
      description:
        "The account's billing orders (BSS QueryOrders), newest first. Admin API keys only.",
      extensions: BILLING_ORDER_CONNECTION,
      args: { filter: t.arg({ type: BillingOrderFilter, description: 'Which orders to list.' }) },
      resolve: async (_root, args, ctx) => {
        const f = args.filter ?? {};
        if (f.createdAfter && f.createdBefore && f.createdAfter >= f.createdBefore) {
          throw badInput('filter.createdAfter', 'must be before filter.createdBefore');
        }
        const filter = Object.fromEntries(
          Object.entries(f).filter(([, v]) => v !== null && v !== undefined),
        );
        const scope = `BillingOrder:${JSON.stringify(filter)}`;
        return buildConnection(
          scope,
          await loadWindow(ctx.billing.billingOrders(filter), parseConnectionArgs(scope, args)),
        );
      },
    },
    {
      name: 'BillingOrderConnection',
      description: "A window of the account's billing orders, with the total.",
    },
    {
      name: 'BillingOrderEdge',
      description: 'A billing order and its cursor.',
    },
  ),
);
