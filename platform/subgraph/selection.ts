import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects a field named in `names` anywhere below it,
 * through inline fragments and fragment spreads. It lets a resolver start a legacy read that
 * only some sub-fields need beside its own reads, rather than after them, and skip it when no
 * such sub-field is asked for. `@skip`/`@include` are not evaluated: it may say yes for a
 * field that ends up skipped, never no for one that is selected.
 */
export function selectsAnyField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, names: readonly string[]): boolean {
  const wanted = new Set(names);
  const visitedFragments = new Set<string>();
  const search = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return wanted.has(selection.name.value) || search(selection.selectionSet);
        case Kind.INLINE_FRAGMENT:
          return search(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (visitedFragments.has(name)) return false;
          visitedFragments.add(name);
          return search(info.fragments[name]?.selectionSet);
        }
      }
    });
  return info.fieldNodes.some((node) => search(node.selectionSet));
}
