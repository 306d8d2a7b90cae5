import { Kind, type ExecutionArgs } from 'graphql';

/**
 * Whether the document holds one operation. @envelop/graphql-jit caches what it compiled per
 * document, for the operationName of its first run; yoga hands the same parsed document to every
 * request with the same text, so a second operation of it (GraphiQL's example, run by name)
 * would execute the first one. Documents of several operations run on graphql-js.
 */
export function hasOneOperation({ document }: ExecutionArgs): boolean {
  let operations = 0;
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) operations++;
  return operations === 1;
}
