import type { StreamingOrder as Shape } from '../domain/streaming-order.js';
import { BillingOrder } from './billing-order.js';
import { builder } from './builder.js';
import { Device } from './device-ref.js';
import { Money } from './money.js';
import { orderLocalId, parseOrderLocalId } from './order-id.js';
import { PaymentStatus, StreamingStatus } from './order-enums.js';

export const StreamingOrder = builder.objectRef<Shape>('StreamingOrder');

builder.node(StreamingOrder, {
  description: 'A live-stream sharing plan bought for a device (Living IoT, seed 002).',
  id: {
    resolve: orderLocalId,
    parse: (id) => parseOrderLocalId(id, 'StreamingOrder'),
  },
  loadWithoutCache: (ref, ctx) => ctx.devices.streamingOrder(ref),
  fields: (t) => ({
    orderId: t.exposeString('orderId', { description: 'Vendor order ID (`orderId`).' }),
    iotId: t.exposeString('iotId', { description: 'The device this plan serves.' }),
    device: t.field({
      type: Device,
      description: 'The device this plan serves.',
      resolve: (o) => ({ iotId: o.iotId }),
    }),
    identityId: t.exposeString('identityId', {
      nullable: true,
      description: "The device admin's Living IoT identity (`identityId`).",
    }),
    commodityCode: t.exposeString('commodityCode', {
      description: 'Plan code (`commodityCode`), e.g. streamingResource_20_10.',
    }),
    commodityName: t.exposeString('commodityName', {
      nullable: true,
      description: 'Plan name (`commodityName`).',
    }),
    copies: t.exposeInt('copies', { description: 'Quantity bought (`copies`, 1–60).' }),
    months: t.exposeInt('months', {
      nullable: true,
      description: 'Months of service per copy (`months`).',
    }),
    price: t.expose('price', { type: Money, description: 'Order price (`price`, yuan).' }),
    userName: t.exposeString('userName', {
      nullable: true,
      description: 'Buyer nickname as stored by the vendor (`userName`).',
    }),
    userId: t.exposeString('userId', {
      nullable: true,
      description: 'Buyer ID as stored by the vendor (`userId`).',
    }),
    outOrderNo: t.exposeString('outOrderNo', {
      nullable: true,
      description: 'The Alibaba Cloud (BSS) order ID behind this order (`outOrderNo`).',
    }),
    status: t.expose('status', { type: StreamingStatus, description: 'Order state.' }),
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
      resolve: (o) => o.outOrderNo,
    }),
  }),
});
