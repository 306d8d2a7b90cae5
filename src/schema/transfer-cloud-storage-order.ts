import type { CloudStorageOrder as Shape } from '../domain/cloud-storage-order.js';
import { transferCloudStorageOrder } from '../mutations/transfer-cloud-storage-order.js';
import { builder } from './builder.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { Device } from './device-ref.js';
import { WRITE } from './field-cost.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';
import { recordSettingsFields } from './record-settings-input.js';

/** The transfer document takes every recording setting but the file length. */
const withoutFileDuration = <F extends { maxRecordFileDuration: unknown }>({
  maxRecordFileDuration: _unused,
  ...rest
}: F) => rest;

const TransferCloudStorageOrderInput = builder.inputType('TransferCloudStorageOrderInput', {
  description: 'A cloud-storage plan to move to another device (a replacement camera).',
  fields: (t) => ({
    fromIotId: t.string({ required: true, description: 'The device the plan is on now.' }),
    orderId: t.string({ required: true, description: 'The plan: a cloud-storage order of it.' }),
    toIotId: t.string({ required: true, description: 'The device to move it to.' }),
    immediateUse: t.boolean({
      description: "True: starts now there. False (default): after the destination's last plan.",
    }),
    userName: t.string({ description: 'Buyer name, stored and echoed by the vendor.' }),
    userId: t.string({ description: 'Buyer ID, stored and echoed by the vendor.' }),
    ...withoutFileDuration(recordSettingsFields(t)),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without moving it twice.',
    }),
  }),
});

const TransferCloudStorageOrderPayload = orderPayload<{ order: Shape; fromIotId: string }>(
  'TransferCloudStorageOrderPayload',
  CloudStorageOrder,
  {
    payload: 'The plan, moved.',
    order: "The new order on the destination, with the source's remaining time.",
    device: 'The destination device, read again after the transfer.',
  },
);

builder.objectField(TransferCloudStorageOrderPayload, 'fromDevice', (t) =>
  t.field({
    type: Device,
    description: 'The source device, read again after the transfer: its order has ended.',
    resolve: (p) => ({ iotId: p.fromIotId }),
  }),
);

builder.mutationField('transferCloudStorageOrder', (t) =>
  t.field({
    type: TransferCloudStorageOrderPayload,
    description:
      "Moves a cloud-storage plan's remaining time to another device (Living IoT cloudstorage/transfer); the source order ends. A user must be the admin of both devices (ForbiddenError names which). Never retried blindly.",
    args: {
      input: t.arg({
        type: TransferCloudStorageOrderInput,
        required: true,
        description: 'The request.',
      }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: {
        name: 'TransferCloudStorageOrderResult',
        description: 'The moved plan, or why not.',
      },
    },
    resolve: async (_root, { input }, ctx) => ({
      order: await transferCloudStorageOrder(ctx, input),
      fromIotId: input.fromIotId,
    }),
  }),
);
