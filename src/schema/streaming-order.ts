import type { StreamingOrder as Shape } from '../domain/streaming-order.js';
import { builder } from './builder.js';
import { SubscriptionOrder } from './subscription-order.js';
import { orderLocalId, parseOrderLocalId } from './order-id.js';
import { StreamingStatus } from './order-enums.js';

export const StreamingOrder = builder.objectRef<Shape>('StreamingOrder');

builder.node(StreamingOrder, {
  description: 'A live-stream sharing plan bought for a device (Living IoT).',
  // Parsed by the loader, not the ID argument: a bad ID then fails only its own `nodes` item.
  id: { resolve: orderLocalId },
  interfaces: [SubscriptionOrder],
  loadWithoutCache: (id, ctx) =>
    ctx.devices.streamingOrder(parseOrderLocalId(id, 'StreamingOrder')),
  fields: (t) => ({
    commodityName: t.exposeString('commodityName', {
      nullable: true,
      description: 'Plan name (`commodityName`).',
    }),
    months: t.exposeInt('months', {
      nullable: true,
      description: 'Months of service per copy (`months`).',
    }),
    status: t.expose('status', { type: StreamingStatus, description: 'Order state.' }),
  }),
});
