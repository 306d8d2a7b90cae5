/** Starting a paid, queued cloud-storage order now (commodity/enable 1.0.0). */
import type { Context } from '../server/context.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { activateOrder } from './activate-order.js';

export function activateCloudStorageOrder(ctx: Context, raw: unknown): Promise<CloudStorageOrder> {
  const ilop = ctx.services.ilop;
  return activateOrder(ctx, raw, {
    name: 'activateCloudStorageOrder',
    read: (p, opts) => ilop.getCloudStorageOrder(p, opts),
    enable: (p, opts) => ilop.enableCloudStorageOrder(p, opts),
    codec: cloudStorageOrderCodec,
  });
}
