/**
 * The vendor fan-out an operation can cause, estimated before execution from the document and
 * its variables: list sizes times connection windows, one unit per vendor call a field may make
 * (each field declares its own, src/schema/field-cost.ts).
 * A query such as 100 devices × 100 orders × billingOrder is refused before any vendor call.
 */
import {
  getArgumentValues,
  getNamedType,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { costOf } from '../../schema/field-cost.js';

export function estimateFanOut(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (
      def.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || def.name?.value === operationName)
    ) {
      operation ??= def;
    }
  }
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const walk = (
    set: SelectionSetNode,
    type: GraphQLCompositeType,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (t && isCompositeType(t)) cost += walk(sel.selectionSet, t, multiplier, seen);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue; // cycles are a validation error anyway
        const t = schema.getType(frag.typeCondition.name.value);
        if (t && isCompositeType(t)) {
          cost += walk(frag.selectionSet, t, multiplier, new Set([...seen, frag.name.value]));
        }
      } else {
        cost += fieldCost(sel, type, multiplier, seen);
      }
    }
    return cost;
  };

  const fieldCost = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    if (!('getFields' in parent)) return 0; // unions select through fragments only
    const def = parent.getFields()[node.name.value] as GraphQLField<unknown, unknown> | undefined;
    if (!def) return 0;
    const rule = costOf(def);
    let args: Record<string, unknown> = {};
    if (rule) {
      try {
        args = getArgumentValues(def, node, variables ?? {});
      } catch {
        return 0; // bad arguments fail validation or coercion before execution
      }
    }
    let cost = multiplier * (rule?.calls?.(args) ?? 0);
    const named = getNamedType(def.type);
    if (node.selectionSet && isCompositeType(named)) {
      cost += walk(node.selectionSet, named, multiplier * (rule?.items?.(args) ?? 1), seen);
    }
    return cost;
  };

  return walk(operation.selectionSet, root, 1, new Set());
}
