/**
 * Apollo Federation v2 entities (served with GATEWAY_FEDERATION=true, docs/platform.md). Each
 * resolves a representation through the same loaders and access rules as the root fields:
 * a Device as `device(iotId)`, an order or billing order as `node(id)`.
 */
import { builder } from './builder.js';
import { BillingOrder } from './billing-order.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { checkIotId, reachable } from './device.js';
import { Device } from './device-ref.js';
import type { OrderRef } from './order-id.js';
import { StreamingOrder } from './streaming-order.js';

builder.asEntity(Device, {
  key: builder.selection<{ iotId: string }>('iotId'),
  resolveReference: ({ iotId }, ctx) => reachable(ctx, checkIotId(iotId, 'representations.iotId')),
});

// The vendors' order detail calls need the device as well as the order: both are the key.
const orderKey = builder.selection<OrderRef>('iotId orderId');

builder.asEntity(CloudStorageOrder, {
  key: orderKey,
  resolveReference: ({ iotId, orderId }, ctx) => ctx.devices.cloudStorageOrder({ iotId, orderId }),
});

builder.asEntity(StreamingOrder, {
  key: orderKey,
  resolveReference: ({ iotId, orderId }, ctx) => ctx.devices.streamingOrder({ iotId, orderId }),
});

// Admin only, as everywhere: the type's auth scope refuses a user each of its fields.
builder.asEntity(BillingOrder, {
  key: builder.selection<{ orderId: string }>('orderId'),
  resolveReference: ({ orderId }, ctx) => BillingOrder.getDataloader(ctx).load(orderId),
});
