/** The shape both activate mutations share: input `{ iotId, orderId, idempotencyKey }`, the order and its device. */
import type { ObjectRef } from '@pothos/core';
import type { Context } from '../server/context.js';
import { builder } from './builder.js';
import { WRITE } from './field-cost.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';

type Types = typeof builder.$inferSchemaTypes;

/** `name` is the mutation's (e.g. `activateStreamingOrder`); its types are named after it. */
export function activateMutation<O extends { iotId: string }>(
  name: string,
  order: ObjectRef<Types, O>,
  text: { kind: string; description: string },
  run: (ctx: Context, input: unknown) => Promise<O>,
) {
  const type = name[0]!.toUpperCase() + name.slice(1);
  const input = builder.inputType(`${type}Input`, {
    description: `A paid ${text.kind} order, queued to start later, to start now.`,
    fields: (t) => ({
      iotId: t.string({ required: true, description: 'The device the order is for.' }),
      orderId: t.string({ required: true, description: 'The queued order.' }),
      idempotencyKey: t.string({
        description:
          'Makes retries safe: the same key and input within 24 hours return the first result without a second activation.',
      }),
    }),
  });
  const payload = orderPayload<{ order: O }>(`${type}Payload`, order, {
    payload: 'The order, started now.',
    order: 'The order: it starts now, keeping its length; the queued orders after it follow it.',
    device: 'The device, read again after the activation.',
  });
  builder.mutationField(name, (t) =>
    t.field({
      type: payload,
      description: text.description,
      args: { input: t.arg({ type: input, required: true, description: 'The request.' }) },
      extensions: WRITE,
      errors: {
        types: MUTATION_ERRORS,
        directResult: true,
        union: { name: `${type}Result`, description: 'The order, or why it was not started.' },
      },
      resolve: async (_root, args, ctx) => ({ order: await run(ctx, args.input) }),
    }),
  );
}
