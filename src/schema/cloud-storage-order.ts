import type { CloudStorageOrder as Shape } from '../domain/cloud-storage-order.js';
import { BillingOrder } from './billing-order.js';
import { builder } from './builder.js';
import { Device } from './device-ref.js';
import { Money } from './money.js';
import { orderLocalId, parseOrderLocalId } from './order-id.js';
import { CloudStorageStatus, OrderType, PaymentStatus, RecordType } from './order-enums.js';

export const CloudStorageOrder = builder.objectRef<Shape>('CloudStorageOrder');

builder.node(CloudStorageOrder, {
  description: 'A cloud video storage plan bought for a device (Living IoT, seed 000).',
  id: {
    resolve: orderLocalId,
    parse: (id) => parseOrderLocalId(id, 'CloudStorageOrder'),
  },
  loadWithoutCache: (ref, ctx) => ctx.devices.cloudStorageOrder(ref),
  fields: (t) => ({
    orderId: t.exposeString('orderId', { description: 'Vendor order ID (`orderId`).' }),
    iotId: t.exposeString('iotId', { description: 'The device this order serves (`iotId`).' }),
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
      description: 'Plan code (`commodityCode`), e.g. ilopLVCloudResource.',
    }),
    specification: t.exposeString('specification', {
      nullable: true,
      description: 'Plan specification (`specification`), e.g. eventResource_7.',
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
    status: t.expose('status', { type: CloudStorageStatus, description: 'Order state.' }),
    paymentStatus: t.expose('paymentStatus', {
      type: PaymentStatus,
      description: 'Payment state.',
    }),
    recordType: t.expose('recordType', {
      type: RecordType,
      nullable: true,
      description: 'Recording type of the plan.',
    }),
    orderType: t.expose('orderType', { type: OrderType, description: 'Paid or free.' }),
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
    secondsUsed: t.exposeInt('preConsume', {
      nullable: true,
      description: 'Seconds of service already used (`preConsume`).',
    }),
    billingOrder: t.field({
      type: BillingOrder,
      nullable: true,
      authScopes: { admin: true },
      description:
        'The BSS order whose `OrderId` is `outOrderNo`; null when there is none. Admin only.',
      // The id goes through the loadable node's per-request loader; the naive baseline
      // (benchmark) fetches each one itself instead.
      resolve: (o, _args, ctx) =>
        ctx.billing.naive && o.outOrderNo ? ctx.billing.loadOne(o.outOrderNo) : o.outOrderNo,
    }),
  }),
});
