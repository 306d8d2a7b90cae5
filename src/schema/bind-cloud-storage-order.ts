import { bindCloudStorageOrder } from '../mutations/bind-cloud-storage-order.js';
import { builder } from './builder.js';
import { WRITE } from './field-cost.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';
import { recordSettingsFields } from './record-settings-input.js';

const BindCloudStorageOrderInput = builder.inputType('BindCloudStorageOrderInput', {
  description:
    "A cloud-storage order to attach to a device's admin, with recording settings (docs/vendors.md#endpoints).",
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device.' }),
    orderId: t.string({ required: true, description: 'The cloud-storage order to bind.' }),
    userName: t.string({ description: 'Buyer name, stored and echoed by the vendor.' }),
    userId: t.string({ description: 'Buyer ID, stored and echoed by the vendor.' }),
    ...recordSettingsFields(t),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without binding again.',
    }),
  }),
});

const BindCloudStorageOrderPayload = orderPayload(
  'BindCloudStorageOrderPayload',
  CloudStorageOrder,
  {
    payload: 'The order, now bound to the device.',
    order: 'The bound order.',
    device: 'The device, read again after the binding.',
  },
);

builder.mutationField('bindCloudStorageOrder', (t) =>
  t.field({
    type: BindCloudStorageOrderPayload,
    description:
      "Binds a cloud-storage order to the device's admin account, with recording settings (Living IoT bind order). A user must be the device admin. Never retried blindly.",
    args: {
      input: t.arg({
        type: BindCloudStorageOrderInput,
        required: true,
        description: 'The request.',
      }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: { name: 'BindCloudStorageOrderResult', description: 'The bound order, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => ({ order: await bindCloudStorageOrder(ctx, input) }),
  }),
);
