/** The schema: every type module registers itself on the builder. */
import { builder } from './builder.js';
import './scalars.js';
import './money.js';
import './order-enums.js';
import './billing-order.js';
import './cloud-storage-order.js';
import './streaming-order.js';
import './streaming-plan.js';
import './device.js';
import './subscription-order.js';
import './connection-fields.js';
import './mutation-errors.js';
import './purchase-streaming-plan.js';
import './bind-cloud-storage-order.js';

builder.queryType({ description: 'Reads: devices, their subscriptions, plans and billing.' });
builder.mutationType({
  description: 'Writes: buying streaming plans and binding cloud-storage orders.',
});

export const schema = builder.toSchema({ sortSchema: true });
