import {
  getNamedType,
  isInputObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';

/**
 * graphql-jit parses a variable's default value and then bakes it into the compiled code as JSON, so a
 * custom scalar's parsed default (a DateTime's Date) reaches resolvers as a plain string. A request that
 * leaves such a variable (a custom scalar, or an input object that may hold one) to its default runs
 * on graphql-js, which keeps the parsed value; every other request stays compiled.
 */
export function jitKeepsDefaults({ schema, document, variableValues }: ExecutionArgs): boolean {
  let names = risky.get(document);
  if (names === undefined) {
    names = riskyDefaults(schema, document);
    risky.set(document, names);
  }
  return names.every((name) => variableValues?.[name] !== undefined);
}

// Parsed documents are cached and reused by Yoga, so the names are kept per document object.
const risky = new WeakMap<DocumentNode, string[]>();

function riskyDefaults(schema: GraphQLSchema, document: DocumentNode): string[] {
  return document.definitions.flatMap((definition) =>
    definition.kind !== Kind.OPERATION_DEFINITION
      ? []
      : (definition.variableDefinitions ?? []).flatMap((variable) => {
          if (!variable.defaultValue) return [];
          const type = typeFromAST(schema, variable.type);
          const named = type && getNamedType(type);
          const custom =
            isInputObjectType(named) || (isScalarType(named) && !isSpecifiedScalarType(named));
          return custom ? [variable.variable.name.value] : [];
        }),
  );
}
