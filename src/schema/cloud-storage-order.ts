import type { CloudStorageOrder as Shape } from '../domain/cloud-storage-order.js';
import { builder } from './builder.js';
import { SubscriptionOrder } from './subscription-order.js';
import { orderLocalId, parseOrderLocalId } from './order-id.js';
import { CloudStorageStatus, OrderType, RecordType } from './order-enums.js';

export const CloudStorageOrder = builder.objectRef<Shape>('CloudStorageOrder');

builder.node(CloudStorageOrder, {
  description: 'A cloud video storage plan bought for a device (Living IoT).',
  // Parsed by the loader, not the ID argument: a bad ID then fails only its own `nodes` item.
  id: { resolve: orderLocalId },
  interfaces: [SubscriptionOrder],
  loadWithoutCache: (id, ctx) =>
    ctx.devices.cloudStorageOrder(parseOrderLocalId(id, 'CloudStorageOrder')),
  fields: (t) => ({
    specification: t.exposeString('specification', {
      nullable: true,
      description: 'Plan specification (`specification`), e.g. eventResource_7.',
    }),
    status: t.expose('status', { type: CloudStorageStatus, description: 'Order state.' }),
    recordType: t.expose('recordType', {
      type: RecordType,
      nullable: true,
      description: 'Recording type of the plan.',
    }),
    orderType: t.expose('orderType', { type: OrderType, description: 'Paid or free.' }),
    secondsUsed: t.exposeInt('preConsume', {
      nullable: true,
      description: 'Seconds of service already used (`preConsume`).',
    }),
  }),
});
