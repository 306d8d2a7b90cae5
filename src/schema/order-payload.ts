/** A mutation's success member: the order it made or changed, and its device read again. */
import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.js';
import { NO_CALLS } from './field-cost.js';
import { Device } from './device-ref.js';

type Types = typeof builder.$inferSchemaTypes;

/** `P`: the payload's shape, `{ order }` plus what a mutation adds (fields added with `objectField`). */
export function orderPayload<P extends { order: { iotId: string } }>(
  name: string,
  order: ObjectRef<Types, P['order']>,
  text: { payload: string; order: string; device: string },
) {
  return builder.objectRef<P>(name).implement({
    description: text.payload,
    fields: (t) => ({
      order: t.field({
        type: order,
        description: text.order,
        extensions: NO_CALLS,
        // Pothos cannot resolve its result type for a generic shape; `p.order` is `T` by construction.
        resolve: (p) => p.order as never,
      }),
      device: t.field({
        type: Device,
        description: text.device,
        resolve: (p) => ({ iotId: p.order.iotId }),
      }),
    }),
  });
}
