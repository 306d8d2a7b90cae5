import {
  getNamedType,
  isInputObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionArgs,
} from 'graphql';

/**
 * graphql-jit parses a variable's default value and then bakes it into the compiled code as JSON, so a
 * custom scalar's parsed default (a DateTime's Date) reaches resolvers as a plain string. Documents
 * with such a default (directly or inside an input object) run on graphql-js, which keeps the parsed
 * value; every other document, `$first: Int = 20` included, stays compiled.
 */
export function jitKeepsDefaults({ schema, document }: ExecutionArgs): boolean {
  let verdict = verdicts.get(document);
  if (verdict === undefined) {
    verdict = !document.definitions.some(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION &&
        (definition.variableDefinitions ?? []).some((variable) => {
          if (!variable.defaultValue) return false;
          const type = typeFromAST(schema, variable.type);
          const named = type && getNamedType(type);
          return isInputObjectType(named) || (isScalarType(named) && !isSpecifiedScalarType(named));
        }),
    );
    verdicts.set(document, verdict);
  }
  return verdict;
}

// Parsed documents are cached and reused by Yoga, so the answer is kept per document object.
const verdicts = new WeakMap<DocumentNode, boolean>();
