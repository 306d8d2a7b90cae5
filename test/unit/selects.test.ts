import { describe, expect, it } from 'vitest';
import {
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
} from 'graphql';
import { selects } from '../../src/schema/selects.js';

/** The resolve info of the document's first root field: only what `selects` reads. */
function infoOf(document: string): GraphQLResolveInfo {
  const doc = parse(document);
  const [operation, ...fragments] = doc.definitions as [
    { selectionSet: { selections: FieldNode[] } },
    ...FragmentDefinitionNode[],
  ];
  return {
    fieldNodes: [operation.selectionSet.selections[0]!],
    fragments: Object.fromEntries(fragments.map((f) => [f.name.value, f])),
  } as unknown as GraphQLResolveInfo;
}

describe('selects', () => {
  const path = ['device', 'cloudStorage'];
  it('follows fields, aliases, inline fragments and fragment spreads', () => {
    expect(
      selects(infoOf('mutation { buy { device { cloudStorage { orderCount } } } }'), path),
    ).toBe(true);
    expect(
      selects(
        infoOf(
          'mutation { buy { ... on P { d: device { ...F } } } } fragment F on Device { cloudStorage { orderCount } }',
        ),
        path,
      ),
    ).toBe(true);
  });
  it('is false for a path the selection stops short of or leaves', () => {
    expect(selects(infoOf('mutation { buy { device { iotId } } }'), path)).toBe(false);
    expect(selects(infoOf('mutation { buy { order { orderId } } }'), path)).toBe(false);
    expect(selects(infoOf('mutation { buy { cloudStorage { orderCount } } }'), path)).toBe(false);
  });
});
