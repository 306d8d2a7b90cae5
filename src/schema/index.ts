/** The schema: every type module registers itself on the builder. */
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './money.js';
import './order-enums.js';
import './billing-order.js';
import './cloud-storage-order.js';
import './streaming-order.js';
import './streaming-plan.js';
import './device.js';
import './device-binding.js';
import './viewer.js';
import './cloud-storage-plan.js';
import './free-cloud-storage.js';
import './subscription-order.js';
import './connection-fields.js';
import './mutation-errors.js';
import './purchase-streaming-plan.js';
import './bind-cloud-storage-order.js';
import './rate-limit.js';
import './subscription.js';
import './create-subscription-ticket.js';
import './pay-streaming-order.js';
import './buy-cloud-storage-plan.js';
import './activate-cloud-storage-order.js';
import './activate-streaming-order.js';
import './claim-free-cloud-storage.js';
import './freeze-cloud-storage-order.js';
import './transfer-cloud-storage-order.js';
import './federation.js';

builder.queryType({ description: 'Reads: devices, their subscriptions, plans and billing.' });
builder.mutationType({
  description: 'Writes: buying and paying streaming plans, buying and binding cloud storage.',
});

// @defer and @stream are part of the schema (so printed, introspected and known to codegen);
// the server's defer-stream plugin validates and delivers them (docs/platform.md). A schema's
// `directives` replace graphql's own, so @include, @skip, @deprecated… are listed again.
export const schema = builder.toSchema({
  sortSchema: true,
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

let subgraph: GraphQLSchema | undefined;

/**
 * The same types as an Apollo Federation v2 subgraph: `_service { sdl }` and `_entities` added.
 * Its SDL leaves out @defer/@stream, which a federation gateway plans itself. Built on first use:
 * a standalone gateway never pays for it.
 */
export function subgraphSchema(): GraphQLSchema {
  return (subgraph ??= builder.toSubGraphSchema({ sortSchema: true }));
}
