/**
 * What every subscription order has, cloud storage or streaming: one interface, so a frontend
 * can render an order list without caring which plan it is.
 */
import type { CloudStorageOrder } from '../domain/cloud-storage-order.js';
import type { StreamingOrder } from '../domain/streaming-order.js';
import { BillingOrder } from './billing-order.js';
import { builder } from './builder.js';
import { BILLING_ORDER_BY_ID } from './field-cost.js';
import { Device } from './device-ref.js';
import { Money } from './money.js';
import { PaymentStatus } from './order-enums.js';

export const SubscriptionOrder = builder
  .interfaceRef<CloudStorageOrder | StreamingOrder>('SubscriptionOrder')
  .implement({
    description:
      'A paid plan bought for a device: cloud storage or live-stream sharing. (Not a GraphQL subscription: those are on the `Subscription` type.)',
    resolveType: (o) => (o.kind === 'cloudStorage' ? 'CloudStorageOrder' : 'StreamingOrder'),
    fields: (t) => ({
      orderId: t.exposeString('orderId', { description: 'Vendor order ID (`orderId`).' }),
      iotId: t.exposeString('iotId', { description: 'The device this order serves.' }),
      device: t.field({
        type: Device,
        description: 'The device this order serves.',
        resolve: (o) => ({ iotId: o.iotId }),
      }),
      identityId: t.exposeString('identityId', {
        nullable: true,
        description: 'Living IoT identity the order is bound to (`identityId`).',
      }),
      commodityCode: t.exposeString('commodityCode', {
        description:
          'Plan code (`commodityCode`), e.g. ilopLVCloudResource or streamingResource_20_10.',
      }),
      copies: t.exposeInt('copies', { description: 'Quantity bought (`copies`).' }),
      price: t.expose('price', { type: Money, description: 'Order price (`price`, yuan).' }),
      userName: t.exposeString('userName', {
        nullable: true,
        description: 'Buyer name as stored by the vendor (`userName`).',
      }),
      userId: t.exposeString('userId', {
        nullable: true,
        description: 'Buyer ID as stored by the vendor (`userId`).',
      }),
      outOrderNo: t.exposeString('outOrderNo', {
        nullable: true,
        description: 'The Alibaba Cloud (BSS) order ID behind this order (`outOrderNo`).',
      }),
      paymentStatus: t.expose('paymentStatus', {
        type: PaymentStatus,
        description: 'Payment state.',
      }),
      startTime: t.expose('startTime', {
        type: 'DateTime',
        nullable: true,
        description: 'Service start (`startTimeUTC`).',
      }),
      endTime: t.expose('endTime', {
        type: 'DateTime',
        nullable: true,
        description: 'Service end (`endTimeUTC`).',
      }),
      billingOrder: t.field({
        type: BillingOrder,
        nullable: true,
        authScopes: { admin: true },
        description:
          'The BSS order whose `OrderId` is `outOrderNo`; null when there is none. Admin only.',
        extensions: BILLING_ORDER_BY_ID,
        resolve: (o, _args, ctx) =>
          o.outOrderNo ? ctx.billing.resolveById(o.outOrderNo) : o.outOrderNo,
      }),
    }),
  });
