import { purchaseStreamingPlan } from '../mutations/purchase-streaming-plan.js';
import { builder } from './builder.js';
import { WRITE } from './field-cost.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';
import { StreamingOrder } from './streaming-order.js';

const PurchaseStreamingPlanInput = builder.inputType('PurchaseStreamingPlanInput', {
  description: 'A streaming plan to buy for a device.',
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device the plan is for.' }),
    commodityCode: t.string({
      required: true,
      description: 'The plan: a `commodityCode` from `streamingPlans`.',
    }),
    copies: t.int({ required: true, description: 'How many periods to buy: 1 to 60.' }),
    userName: t.string({ description: 'Buyer nickname, stored and echoed by the vendor.' }),
    userId: t.string({
      description: 'Buyer ID (Living IoT identity or your own), stored and echoed.',
    }),
    immediateUse: t.boolean({
      description: 'True: starts now. False (default): starts when the current plan ends.',
    }),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without a second order.',
    }),
  }),
});

const PurchaseStreamingPlanPayload = orderPayload('PurchaseStreamingPlanPayload', StreamingOrder, {
  payload: 'The order the purchase made (unpaid until the buyer pays it).',
  order: 'The new streaming order.',
  device: 'The device, read again after the purchase.',
});

builder.mutationField('purchaseStreamingPlan', (t) =>
  t.field({
    type: PurchaseStreamingPlanPayload,
    description:
      'Buys a live-stream sharing plan for a device (Living IoT streaming order create). A user must be the device admin. Never retried blindly.',
    args: {
      input: t.arg({
        type: PurchaseStreamingPlanInput,
        required: true,
        description: 'The request.',
      }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: {
        name: 'PurchaseStreamingPlanResult',
        description: 'The order, or why there is none.',
      },
    },
    resolve: async (_root, { input }, ctx) => ({ order: await purchaseStreamingPlan(ctx, input) }),
  }),
);
