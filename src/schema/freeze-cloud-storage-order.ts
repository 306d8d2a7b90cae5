import { freezeCloudStorageOrder } from '../mutations/freeze-cloud-storage-order.js';
import { builder } from './builder.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { WRITE } from './field-cost.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';

const FreezeCloudStorageOrderInput = builder.inputType('FreezeCloudStorageOrderInput', {
  description: 'A cloud-storage order to freeze (support staff).',
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device the order is on.' }),
    orderId: t.string({ required: true, description: 'The order to freeze.' }),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result.',
    }),
  }),
});

const FreezeCloudStorageOrderPayload = orderPayload(
  'FreezeCloudStorageOrderPayload',
  CloudStorageOrder,
  {
    payload: 'The order, frozen.',
    order: 'The order: `status` FROZEN, no longer service.',
    device: 'The device, read again after the freeze.',
  },
);

builder.mutationField('freezeCloudStorageOrder', (t) =>
  t.field({
    type: FreezeCloudStorageOrderPayload,
    description:
      'Freezes a cloud-storage order (Living IoT status/set, status 2), for support staff: an admin key only; a user gets ForbiddenError before any vendor call. Never retried blindly.',
    args: {
      input: t.arg({
        type: FreezeCloudStorageOrderInput,
        required: true,
        description: 'The request.',
      }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: {
        name: 'FreezeCloudStorageOrderResult',
        description: 'The frozen order, or why not.',
      },
    },
    resolve: async (_root, { input }, ctx) => ({
      order: await freezeCloudStorageOrder(ctx, input),
    }),
  }),
);
