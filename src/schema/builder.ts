/** The Pothos builder and its plugins. Holds no types: each type has its own file. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from '../server/context.js';
import { ErrorCode, GatewayError } from '../server/client-errors.js';
import { cost, listLength, NO_CALLS, one } from './field-cost.js';
import { failingAlone } from './list-item.js';
import { decodeNodeId, loadNode } from './node-ids.js';

/** A user asked for an admin-only field. */
export const adminOnly = () =>
  new GatewayError(ErrorCode.FORBIDDEN, 'This field needs an admin API key (X-Api-Key).');

/**
 * The auth scopes, each true for one kind of viewer (the builder's `authScopes` below): a field or
 * type scoped by these alone answers the same to every caller of a kind.
 */
export const KIND_SCOPES: readonly string[] = ['admin', 'user'] satisfies (keyof Scopes)[];
type Scopes = { admin: boolean; user: boolean };

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  AuthScopes: Scopes;
  Connection: { totalCount: number };
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  // Scope auth first, so no other plugin's wrapper runs before the check; federation after the
  // plugins that wrap resolvers (plugin docs).
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    RelayPlugin,
    DataloaderPlugin,
    DirectivePlugin,
    FederationPlugin,
  ],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      admin: ctx.viewer.kind === 'admin',
      user: ctx.viewer.kind === 'user',
    }),
    unauthorizedError: () => adminOnly(),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a global ID that `node` can fetch again.' },
    pageInfoTypeOptions: { description: 'Where a window stands in its list (Relay spec).' },
    decodeGlobalID: decodeNodeId,
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID.',
      args: { id: { description: 'A global ID from any `id` field.' } },
      extensions: cost({ calls: one }),
      resolve: (_root, { id }, ctx, info) => loadNode(ctx, info, id, 'id'),
    },
    nodesQueryOptions: {
      description:
        'Fetches objects by their global IDs, in order; a bad or failing ID nulls only its item.',
      args: { ids: { description: 'Global IDs from `id` fields.' } },
      extensions: cost({ calls: (a) => listLength(a.ids), items: (a) => listLength(a.ids) }),
      resolve: (_root, { ids }, ctx, info) =>
        ids.map((id, i) => failingAlone(loadNode(ctx, info, id, `ids[${i}]`))),
    },
    idFieldOptions: { description: 'Global ID: pass it to `node` to fetch this object again.' },
    firstArgOptions: { description: 'Forward window: at most 100 items after `after`.' },
    afterArgOptions: { description: 'Cursor of the edge the forward window starts after.' },
    lastArgOptions: { description: 'Backward window: at most 100 items before `before`.' },
    beforeArgOptions: { description: 'Cursor of the edge the backward window ends before.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge for `after`/`before`.' },
    // An edge's item is in the page its connection read (and paid for).
    nodeFieldOptions: {
      description: 'The item at this edge.',
      nullable: false,
      extensions: NO_CALLS,
    },
    edgesFieldOptions: {
      description: 'The items of this window, with their cursors.',
      nullable: { list: false, items: false },
    },
    pageInfoFieldOptions: { description: 'Whether more items lie before or after this window.' },
    hasNextPageFieldOptions: { description: 'True when items follow this window.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this window.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge, null when empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge, null when empty.' },
  },
  errors: { defaultTypes: [] },
});
