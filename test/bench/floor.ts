/**
 * The throughput floor: a bare graphql-yoga server with subgate's SDL whose resolvers read a
 * recorded response from memory. It parses, validates, executes and serialises the same
 * documents into the same bytes, with no auth, no loaders, no cache and no vendor.
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getOperationAST,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { useWholeResultUnlessAccepted } from '../../src/server/incremental-delivery.js';

export const SDL_PATH = new URL('../../schema/schema.graphql', import.meta.url).pathname;

/** Response data by operation name, as the gateway answered it. */
export type RecordedResponses = Record<string, unknown>;

// The recorded object is keyed by response key (alias or field name): read it back the same way.
const byResponseKey: GraphQLFieldResolver<Record<string, unknown>, unknown> = (
  source,
  _a,
  _c,
  info,
) => source[info.path.key as string];

function recordedSchema(sdlPath: string): GraphQLSchema {
  const schema = buildSchema(readFileSync(sdlPath, 'utf8'));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve = byResponseKey;
  }
  return schema;
}

export function createFloorYoga(responses: RecordedResponses, sdlPath = SDL_PATH) {
  // Each operation's root value is its recorded `data`.
  const recorded: Plugin = {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) =>
        executeFn({
          ...args,
          rootValue:
            responses[getOperationAST(args.document, args.operationName)?.name?.value ?? ''] ?? {},
        }),
      );
    },
  };
  return createYoga({
    schema: recordedSchema(sdlPath),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    maskedErrors: false,
    // As subgate: a deferred document from a client that reads no parts is answered whole (yoga's
    // executor would stream it); first, so `recorded` wraps graphql-js's execute.
    plugins: [useWholeResultUnlessAccepted(), recorded],
  });
}
