import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

/*
 * Every subgraph that serves part of a citizen answers `citizen(nino)` and `citizens(ninos)`
 * (platform/subgraph/citizen-root.graphql), so the gateway asks them all at once. Only identity
 * knows whether CIS holds the citizen; the others answer for any well-formed NINO, with nothing
 * to show for an unknown one. So identity is asked whatever the caller selects: where the
 * caller did not select `nino` (which only identity resolves), the gateway adds it under an
 * alias of its own and takes it out of the answer. And a citizen identity reports
 * CITIZEN_NOT_FOUND is made null wherever it appears (a caseload entry, a household member),
 * the errors beneath it going with it, however the answers were merged.
 */

/** The response key under which the gateway asks identity for the citizen's NINO. */
const EXISTENCE_KEY = '_citizenGraphExists';
const CITIZEN_ROOT_FIELDS = new Set(['citizen', 'citizens']);
const EXISTENCE_FIELD: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: EXISTENCE_KEY }, name: { kind: Kind.NAME, value: 'nino' } };

interface WithExistence {
  readonly document: DocumentNode;
  /** Response keys of the root fields the existence key was added to; none means the document is the caller's own. */
  readonly rootKeys: readonly string[];
}

// Apollo Server hands the gateway the same parsed document for the same query text, so each is rewritten once.
const rewritten = new WeakMap<DocumentNode, WithExistence>();

/**
 * The caller's document with identity asked for every root citizen whose NINO the caller did not
 * select: in the operation's own selection, its inline fragments and the fragments it spreads.
 */
export function withExistenceKey(document: DocumentNode): WithExistence {
  let found = rewritten.get(document);
  if (!found) {
    const rootKeys = new Set<string>();
    const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
    // Each fragment spread at the root is rewritten once, wherever it is spread.
    const rootFragments = new Map<string, FragmentDefinitionNode>();
    const rootSelections = (selectionSet: SelectionSetNode): SelectionSetNode => ({
      ...selectionSet,
      selections: selectionSet.selections.map((selection): SelectionNode => {
        if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: rootSelections(selection.selectionSet) };
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !rootFragments.has(name)) {
            // Marked before it is rewritten, so a fragment that spreads itself ends the walk
            // rather than recursing (validation refuses such cycles; the rewrite does not rely on it).
            rootFragments.set(name, fragment);
            rootFragments.set(name, { ...fragment, selectionSet: rootSelections(fragment.selectionSet) });
          }
          return selection;
        }
        if (!needsExistenceKey(selection)) return selection;
        rootKeys.add(selection.alias?.value ?? selection.name.value);
        const selections = [...selection.selectionSet.selections, EXISTENCE_FIELD];
        return { ...selection, selectionSet: { ...selection.selectionSet, selections } };
      }),
    });
    const definitions = document.definitions
      .map((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query' ? { ...definition, selectionSet: rootSelections(definition.selectionSet) } : definition))
      .map((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? (rootFragments.get(definition.name.value) ?? definition) : definition));
    found = rootKeys.size > 0 ? { document: { ...document, definitions }, rootKeys: [...rootKeys] } : { document, rootKeys: [] };
    rewritten.set(document, found);
  }
  return found;
}

type CitizenRootField = FieldNode & { readonly selectionSet: SelectionSetNode };

function needsExistenceKey(selection: SelectionNode): selection is CitizenRootField {
  if (selection.kind !== Kind.FIELD || !CITIZEN_ROOT_FIELDS.has(selection.name.value) || !selection.selectionSet) return false;
  return !selection.selectionSet.selections.some((inner) => inner.kind === Kind.FIELD && inner.name.value === 'nino' && !inner.alias);
}

/** The result as the caller asked for it: the existence key taken out, unknown citizens null, each error once. */
export function settleCitizenExistence(result: GatewayExecutionResult, rootKeys: readonly string[]): GatewayExecutionResult {
  if (result.data) for (const key of rootKeys) removeExistenceKey(result.data[key]);
  const errors = result.errors;
  if (!errors || errors.length === 0) return result;
  const missing = errors.flatMap((error) => (error.extensions?.code === 'CITIZEN_NOT_FOUND' && error.path ? [error.path] : []));
  if (result.data) for (const path of missing) setNull(result.data, path);
  const seen = new Set<string>();
  const kept = errors.filter((error) => {
    if (error.path && missing.some((path) => isBeneath(error.path!, path))) return false;
    // The same refusal or limit from each subgraph asked (a caller refused, a caseload too large) is reported once.
    const key = JSON.stringify([error.extensions?.code, error.path, error.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return kept.length === errors.length ? result : { ...result, errors: kept };
}

/** The gateway, with identity asked about every citizen named at the root and its word on who exists applied. */
export function withCitizenExistence(gateway: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const { executor } = loaded;
      if (!executor) return loaded;
      return {
        ...loaded,
        executor: async (requestContext) => {
          const { document, rootKeys } = withExistenceKey(requestContext.document);
          // A rewritten document is planned, and its plan cached, apart from the caller's own.
          const asked: GatewayGraphQLRequestContext = rootKeys.length === 0 ? requestContext : { ...requestContext, document, queryHash: `${requestContext.queryHash}+exists` };
          return settleCitizenExistence(await executor(asked), rootKeys);
        },
      };
    },
  };
}

function removeExistenceKey(value: unknown): void {
  if (Array.isArray(value)) for (const entry of value) removeExistenceKey(entry);
  else if (value !== null && typeof value === 'object') delete (value as Record<string, unknown>)[EXISTENCE_KEY];
}

type Path = ReadonlyArray<string | number>;

function setNull(data: Record<string, unknown>, path: Path): void {
  let node: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path.at(-1);
  if (last !== undefined && node !== null && typeof node === 'object' && last in node) (node as Record<string | number, unknown>)[last] = null;
}

function isBeneath(path: Path, ancestor: Path): boolean {
  return path.length > ancestor.length && ancestor.every((key, index) => path[index] === key);
}
