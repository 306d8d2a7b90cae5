import { buyCloudStoragePlan } from '../mutations/buy-cloud-storage-plan.js';
import { builder } from './builder.js';
import { WRITE } from './field-cost.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';
import { recordSettingsFields } from './record-settings-input.js';
import { selects } from './selects.js';

const BuyCloudStoragePlanInput = builder.inputType('BuyCloudStoragePlanInput', {
  description: 'A cloud-storage plan to buy for a device, with its recording settings.',
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device the plan is for.' }),
    commodityCode: t.string({
      required: true,
      description: 'The plan: a `commodityCode` from `cloudStoragePlans`.',
    }),
    specification: t.string({
      required: true,
      description: "The plan's `specification` (with `commodityCode`, names one plan on sale).",
    }),
    copies: t.int({ required: true, description: 'How many periods to buy: 1 to 60.' }),
    userName: t.string({
      required: true,
      description: 'Buyer name (required by the vendor), stored and echoed.',
    }),
    userId: t.string({ description: 'Buyer ID, stored and echoed by the vendor.' }),
    immediateUse: t.boolean({
      description:
        "True: starts now. False (default): queued after the device's last plan (activate it early with the vendor's enable).",
    }),
    ...recordSettingsFields(t),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without a second order.',
    }),
  }),
});

const BuyCloudStoragePlanPayload = orderPayload('BuyCloudStoragePlanPayload', CloudStorageOrder, {
  payload: 'The order the purchase made.',
  order:
    'The new order, read back by its `orderId`: CREATING and PAYING until the vendor settles the payment (seconds), then ACTIVE and PAID.',
  device: 'The device, read again after the purchase.',
});

builder.mutationField('buyCloudStoragePlan', (t) =>
  t.field({
    type: BuyCloudStoragePlanPayload,
    description:
      'Buys a cloud-storage plan for a device (Living IoT commodity/buy, 10 s server timeout), paid from the account: no separate payment step. A user must be the device admin. Never retried blindly.',
    args: {
      input: t.arg({ type: BuyCloudStoragePlanInput, required: true, description: 'The request.' }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: { name: 'BuyCloudStoragePlanResult', description: 'The order, or why there is none.' },
    },
    resolve: async (_root, { input }, ctx, info) => ({
      order: await buyCloudStoragePlan(ctx, input, {
        readsDeviceSummary: selects(info, ['device', 'cloudStorage']),
      }),
    }),
  }),
);
