/**
 * Whether a field's selection reaches a path of fields (through inline fragments and fragment
 * spreads, any alias): a mutation that knows its payload will read the device can start that read
 * beside its own last call instead of after it.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const reaches = (set: SelectionSetNode | undefined, at: number): boolean => {
    if (!set) return false;
    return set.selections.some((s) => {
      if (s.kind === 'Field') {
        if (s.name.value !== path[at]) return false;
        return at === path.length - 1 || reaches(s.selectionSet, at + 1);
      }
      const fragment = s.kind === 'InlineFragment' ? s : info.fragments[s.name.value];
      return reaches(fragment?.selectionSet, at);
    });
  };
  return info.fieldNodes.some((node) => reaches(node.selectionSet, 0));
}
