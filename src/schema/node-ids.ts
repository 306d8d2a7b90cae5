/**
 * `node` and `nodes`: a global ID that is not base64 "Type:id", or names a type `node` cannot
 * fetch, is bad input for that ID alone; in `nodes` every ID loads on its own, so one bad or
 * failing ID nulls only its item, with its own error at its path.
 */
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../server/context.js';
import { badInput, GatewayError } from '../server/client-errors.js';
import { builder } from './builder.js';

export interface NodeId {
  typename: string;
  id: string;
}

/** The relay plugin's decoder, minus its throw: a malformed ID decodes to no type. */
export function decodeNodeId(globalID: string): NodeId {
  try {
    return decodeGlobalID(globalID);
  } catch {
    return { typename: '', id: globalID };
  }
}

export async function loadNode(
  ctx: Context,
  info: GraphQLResolveInfo,
  nodeId: NodeId,
  field: string,
): Promise<unknown> {
  if (nodeId.typename === '') throw badInput(field, 'must be a global ID from an `id` field');
  const type = info.schema.getType(nodeId.typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
    throw badInput(field, `names ${nodeId.typename}, which is not a type node can fetch`);
  }
  try {
    const [node] = await resolveNodes(builder, ctx, info, [nodeId]);
    return node;
  } catch (err) {
    // The type's loader checks the id part as `id`; name the argument (item) it came from.
    if (err instanceof GatewayError && err.extensions.field === 'id' && field !== 'id') {
      throw badInput(field, String(err.extensions.rule));
    }
    throw err;
  }
}
