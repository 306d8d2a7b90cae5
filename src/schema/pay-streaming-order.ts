import { payStreamingOrder, type PaidStreamingOrder } from '../mutations/pay-streaming-order.js';
import { builder } from './builder.js';
import { NO_CALLS, WRITE } from './field-cost.js';
import { MUTATION_ERRORS } from './mutation-errors.js';
import { orderPayload } from './order-payload.js';
import { StreamingOrder } from './streaming-order.js';

const PayStreamingOrderInput = builder.inputType('PayStreamingOrderInput', {
  description: 'An unpaid streaming order to pay.',
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device the order is for.' }),
    orderId: t.string({
      required: true,
      description: 'The order: `order.orderId` of `purchaseStreamingPlan`.',
    }),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without a second payment.',
    }),
  }),
});

const PayStreamingOrderPayload = orderPayload<PaidStreamingOrder>(
  'PayStreamingOrderPayload',
  StreamingOrder,
  {
    payload: 'The order being paid.',
    order:
      'The order after the payment: `paymentStatus` PAYING until the vendor settles it (seconds), then PAID.',
    device: 'The device, read again after the payment.',
  },
);

builder.objectField(PayStreamingOrderPayload, 'alreadyPaid', (t) =>
  t.exposeBoolean('alreadyPaid', {
    description:
      'True: the order was already paying or paid, so nothing was sent; `order` is as it stands. Not a failure.',
    extensions: NO_CALLS,
  }),
);

builder.mutationField('payStreamingOrder', (t) =>
  t.field({
    type: PayStreamingOrderPayload,
    description:
      'Pays a streaming order made by `purchaseStreamingPlan` (Living IoT streaming order pay, 10 s server timeout): it is PAYING, then PAID, and only a paid order is service. A user must be the device admin. Never retried blindly.',
    args: {
      input: t.arg({ type: PayStreamingOrderInput, required: true, description: 'The request.' }),
    },
    extensions: WRITE,
    errors: {
      types: MUTATION_ERRORS,
      directResult: true,
      union: { name: 'PayStreamingOrderResult', description: 'The order, or why it was not paid.' },
    },
    resolve: (_root, { input }, ctx) => payStreamingOrder(ctx, input),
  }),
);
