/** Starting a paid, queued streaming order now (streaming order enable; its apiVer is a guess). */
import type { Context } from '../server/context.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';
import { activateOrder } from './activate-order.js';

export function activateStreamingOrder(ctx: Context, raw: unknown): Promise<StreamingOrder> {
  const ilop = ctx.services.ilop;
  return activateOrder(ctx, raw, {
    name: 'activateStreamingOrder',
    read: (p, opts) => ilop.getStreamingOrder(p, opts),
    enable: (p, opts) => ilop.enableStreamingOrder(p, opts),
    codec: streamingOrderCodec,
  });
}
