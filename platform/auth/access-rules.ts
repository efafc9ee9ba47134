import {
  getNamedType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Reads the Federation access directives (@authenticated, @requiresScopes, @policy) from the
 * schema's AST nodes, which buildSubgraphSchema keeps on every field and type. Names follow
 * the schema's federation @link: an imported directive may be renamed with `as`, and one not
 * imported is spelt `federation__<name>` (or `<prefix>__<name>` if the link is renamed).
 */

/** One requirement; a field's requirements must all be met. `anyOf`: outer list OR, inner list AND. */
export type AccessGate =
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'scopes'; readonly anyOf: readonly (readonly string[])[] }
  | { readonly kind: 'policy'; readonly anyOf: readonly (readonly string[])[] };

export interface AccessRule {
  /** False when neither the field nor its type (nor an interface it implements) declares anything: deny by default. */
  readonly declared: boolean;
  readonly gates: readonly AccessGate[];
}

type DirectiveKind = AccessGate['kind'];
const SPEC_NAMES: Record<DirectiveKind, string> = { authenticated: 'authenticated', scopes: 'requiresScopes', policy: 'policy' };
const FEDERATION_LINK = /^https:\/\/specs\.apollo\.dev\/federation\//;

export type DirectiveNames = ReadonlyMap<string, DirectiveKind>;

export function accessDirectiveNames(schema: GraphQLSchema): DirectiveNames {
  const link = [schema.astNode, ...schema.extensionASTNodes]
    .flatMap((node) => node?.directives ?? [])
    .find((directive) => directive.name.value === 'link' && FEDERATION_LINK.test(String(argument(directive, 'url'))));
  const prefix = link && typeof argument(link, 'as') === 'string' ? String(argument(link, 'as')).replace(/^@/, '') : 'federation';
  const imports = link ? importedNames(argument(link, 'import')) : new Map<string, string>();
  const names = new Map<string, DirectiveKind>();
  for (const [kind, specName] of Object.entries(SPEC_NAMES) as [DirectiveKind, string][]) {
    names.set(`${prefix}__${specName}`, kind);
    // Without a federation link (a bare SDL), accept the spec names as written.
    const local = link ? imports.get(specName) : specName;
    if (local !== undefined) names.set(local, kind);
  }
  return names;
}

/** Requirements for one field of an object type: its own, its type's, its interfaces' and its return type's. */
export function accessRuleFor(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, names: DirectiveNames): AccessRule {
  const interfaceFields = type.getInterfaces().flatMap((iface) => {
    const inherited = iface.getFields()[field.name];
    return inherited ? [inherited.astNode] : [];
  });
  const declaring = [field.astNode, ...interfaceFields, ...typeNodes(type), ...type.getInterfaces().flatMap(typeNodes)];
  const declaredGates = gatesOf(declaring, names);
  const returnGates = gatesOf(typeNodes(getNamedType(field.type)), names);
  return { declared: declaredGates.length > 0, gates: [...declaredGates, ...returnGates] };
}

/** Requirements declared on a type itself (and its interfaces): checked before an entity reference is resolved. */
export function typeGatesFor(type: GraphQLObjectType | GraphQLInterfaceType, names: DirectiveNames): readonly AccessGate[] {
  return gatesOf([...typeNodes(type), ...type.getInterfaces().flatMap(typeNodes)], names);
}

function typeNodes(type: GraphQLNamedType): { readonly directives?: readonly ConstDirectiveNode[] | undefined }[] {
  const nodes: ({ readonly directives?: readonly ConstDirectiveNode[] | undefined } | null | undefined)[] = [type.astNode, ...(type.extensionASTNodes ?? [])];
  return nodes.filter((node) => node != null);
}

function gatesOf(nodes: readonly ({ readonly directives?: readonly ConstDirectiveNode[] | undefined } | null | undefined)[], names: DirectiveNames): AccessGate[] {
  const gates: AccessGate[] = [];
  for (const directive of nodes.flatMap((node) => node?.directives ?? [])) {
    const kind = names.get(directive.name.value);
    if (kind === 'authenticated') gates.push({ kind });
    else if (kind === 'scopes') gates.push({ kind, anyOf: listOfLists(directive, 'scopes') });
    else if (kind === 'policy') gates.push({ kind, anyOf: listOfLists(directive, 'policies') });
  }
  return gates;
}

function listOfLists(directive: ConstDirectiveNode, name: string): string[][] {
  const value = argument(directive, name);
  const valid = Array.isArray(value) && value.length > 0 && value.every((inner) => Array.isArray(inner) && inner.length > 0 && inner.every((item) => typeof item === 'string'));
  if (!valid) throw new Error(`@${directive.name.value}(${name}:) must be a non-empty list of non-empty lists of strings`);
  return value as string[][];
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const node = directive.arguments?.find((arg) => arg.name.value === name);
  return node ? valueFromASTUntyped(node.value) : undefined;
}

function importedNames(imports: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of Array.isArray(imports) ? imports : []) {
    if (typeof entry === 'string') names.set(entry.replace(/^@/, ''), entry.replace(/^@/, ''));
    else if (entry && typeof entry === 'object' && typeof entry.name === 'string') {
      const as = typeof entry.as === 'string' ? entry.as : entry.name;
      names.set(entry.name.replace(/^@/, ''), as.replace(/^@/, ''));
    }
  }
  return names;
}
