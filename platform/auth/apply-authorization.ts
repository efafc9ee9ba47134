import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  GraphQLInterfaceType,
  GraphQLObjectType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { AppError } from '../errors/index.ts';
import { accessDirectiveNames, accessRuleFor, typeGatesFor, type AccessGate, type AccessRule, type DirectiveNames } from './access-rules.ts';
import type { Principal } from './principal.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';
import { ALL_SCOPES } from './vocabulary.ts';

/** Which field a policy is being asked about; `args` lets a policy compare e.g. a NINO argument. */
export interface PolicyTarget {
  readonly typeName: string;
  readonly fieldName: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The object the field is read from (an entity reference for `__resolveReference`): row-level rules read its key. */
  readonly source: unknown;
}

export type NamedPolicy<TContext> = (principal: Principal, context: TContext, target: PolicyTarget) => boolean;

export interface Refusal {
  readonly typeName: string;
  readonly fieldName: string;
  /** As in PolicyTarget, so a refusal can be audited against the citizen it concerned. */
  readonly source: unknown;
  readonly args: Readonly<Record<string, unknown>>;
  readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN';
}

export interface AuthorizationOptions<TContext> {
  /** The functions `@policy(policies: [[...]])` names; an SDL naming an unknown policy fails here, at startup. */
  readonly policies: Readonly<Record<string, NamedPolicy<TContext>>>;
  readonly getPrincipal: (context: TContext) => Principal | undefined;
  /** Told of every refusal before it is thrown, e.g. so the request's audit entry records the denied fields. */
  readonly onRefused?: (refusal: Refusal, context: TContext) => void;
  /** Scopes `@requiresScopes` may name; default the fixed vocabulary, so an SDL typo fails at startup. */
  readonly knownScopes?: readonly string[];
}

/** Federation's own machinery: the gateway's entry points, authorised field by field on the entities they return. */
const FEDERATION_TYPES = new Set(['_Service', '_Entity', '_Any']);
const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);
/** The field name a refusal of a whole entity reports (its message names just the type). */
const REFERENCE_RESOLVER = '__resolveReference';

/**
 * Returns a copy of a subgraph schema in which every field resolver first enforces the
 * Federation access directives on the field, its parent type (and interfaces) and its return
 * type: deny by default (a field with no rule on itself or its type is refused); all
 * requirements must hold; within `@requiresScopes` and `@policy` the outer list is OR and the
 * inner list AND. Entity references resolved through `_entities` meet their type's
 * requirements before `__resolveReference` runs, and then every field like any other.
 */
export function applyAuthorization<TContext>(schema: GraphQLSchema, options: AuthorizationOptions<TContext>): GraphQLSchema {
  const names = accessDirectiveNames(schema);
  const queryTypeName = schema.getQueryType()?.name;
  const guard = createGuard(options);
  const ruleOf = (typeName: string, fieldName: string): AccessRule | undefined => {
    if (typeName.startsWith('__') || FEDERATION_TYPES.has(typeName)) return undefined;
    if (typeName === queryTypeName && FEDERATION_ROOT_FIELDS.has(fieldName)) return undefined;
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    // A field this lookup cannot place gets no rule, so it is refused rather than left open.
    return isObjectType(type) && field ? accessRuleFor(type, field, names) : { declared: false, gates: [] };
  };
  checkRulesAgainstVocabulary(schema, names, ruleOf, options);

  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => guardEntityReference(type, typeGatesFor(type, names), guard, true),
    [MapperKind.INTERFACE_TYPE]: (type) => guardEntityReference(type, typeGatesFor(type, names), guard, false),
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const rule = ruleOf(typeName, fieldName);
      if (!rule) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const guarded: GraphQLFieldResolver<unknown, TContext> = (source, args, context, info) => {
        guard({ typeName, fieldName, args, source }, rule, context);
        return resolve(source, args, context, info);
      };
      const subscribe = fieldConfig.subscribe;
      return {
        ...fieldConfig,
        resolve: guarded,
        ...(subscribe
          ? {
              subscribe: ((source, args, context, info) => {
                guard({ typeName, fieldName, args, source }, rule, context);
                return subscribe(source, args, context, info);
              }) satisfies GraphQLFieldResolver<unknown, TContext>,
            }
          : {}),
      };
    },
  });
}

type Guard<TContext> = (target: PolicyTarget, rule: AccessRule, context: TContext) => void;

function createGuard<TContext>(options: AuthorizationOptions<TContext>): Guard<TContext> {
  const refuse = (target: PolicyTarget, code: Refusal['code'], context: TContext): never => {
    options.onRefused?.({ typeName: target.typeName, fieldName: target.fieldName, source: target.source, args: target.args, code }, context);
    const field = target.fieldName === REFERENCE_RESOLVER ? target.typeName : `${target.typeName}.${target.fieldName}`;
    if (code === 'UNAUTHENTICATED') throw new UnauthenticatedError(`Authentication is required to read ${field}`);
    throw new AppError('FORBIDDEN', `Not allowed to read ${field}`, { extensions: { field } });
  };
  return (target, rule, context) => {
    const principal = options.getPrincipal(context);
    if (!principal) return refuse(target, 'UNAUTHENTICATED', context);
    if (!rule.declared) return refuse(target, 'FORBIDDEN', context);
    const allowed = rule.gates.every((gate) => gatePasses(gate, principal, context, target, options.policies));
    if (!allowed) refuse(target, 'FORBIDDEN', context);
  };
}

function gatePasses<TContext>(
  gate: AccessGate,
  principal: Principal,
  context: TContext,
  target: PolicyTarget,
  policies: Readonly<Record<string, NamedPolicy<TContext>>>,
): boolean {
  switch (gate.kind) {
    case 'authenticated':
      return true;
    case 'scopes':
      return gate.anyOf.some((all) => all.every((scope) => principal.scopes.has(scope)));
    case 'policy':
      return gate.anyOf.some((all) => all.every((name) => policies[name]?.(principal, context, target) === true));
  }
}

/** Wraps `__resolveReference` (kept by @apollo/subgraph in the type's extensions) so a type's own requirements hold before any entity is loaded. */
function guardEntityReference<TContext, T extends GraphQLObjectType | GraphQLInterfaceType>(type: T, gates: readonly AccessGate[], guard: Guard<TContext>, isObject: boolean): T {
  if (gates.length === 0 || type.name.startsWith('__') || FEDERATION_TYPES.has(type.name)) return type;
  const extensions = type.extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver<TContext> } } };
  const original = extensions.apollo?.subgraph?.resolveReference;
  // An interface without its own resolver defers to its implementations', which are guarded.
  if (!original && !isObject) return type;
  const rule: AccessRule = { declared: true, gates };
  const resolveReference: ReferenceResolver<TContext> = (reference, context, info) => {
    try {
      guard({ typeName: type.name, fieldName: REFERENCE_RESOLVER, args: {}, source: reference }, rule, context);
    } catch (refusal) {
      // _entities calls this inside a plain map: a rejection fails this entity, a throw would fail them all.
      return Promise.reject(refusal);
    }
    return original ? original(reference, context, info) : reference;
  };
  const config = {
    ...type.toConfig(),
    extensions: { ...type.extensions, apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference } } },
  };
  return (isObject ? new GraphQLObjectType(config as ConstructorParameters<typeof GraphQLObjectType>[0]) : new GraphQLInterfaceType(config as ConstructorParameters<typeof GraphQLInterfaceType>[0])) as T;
}

type ReferenceResolver<TContext> = (reference: object, context: TContext, info: unknown) => unknown;

/** Fails at startup on an unknown policy or scope name, rather than silently denying every request. */
function checkRulesAgainstVocabulary<TContext>(
  schema: GraphQLSchema,
  names: DirectiveNames,
  ruleOf: (typeName: string, fieldName: string) => AccessRule | undefined,
  options: AuthorizationOptions<TContext>,
): void {
  const knownScopes = new Set(options.knownScopes ?? ALL_SCOPES);
  const problems = new Set<string>();
  const check = (gates: readonly AccessGate[], where: string) => {
    for (const gate of gates) {
      if (gate.kind === 'scopes') for (const scope of gate.anyOf.flat()) if (!knownScopes.has(scope)) problems.add(`${where}: unknown scope "${scope}"`);
      if (gate.kind === 'policy') for (const policy of gate.anyOf.flat()) if (!Object.hasOwn(options.policies, policy)) problems.add(`${where}: unknown policy "${policy}"`);
    }
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    check(typeGatesFor(type, names), type.name);
    for (const fieldName of Object.keys(type.getFields())) check(ruleOf(type.name, fieldName)?.gates ?? [], `${type.name}.${fieldName}`);
  }
  if (problems.size) throw new Error(`Access directives name unknown scopes or policies:\n  ${[...problems].join('\n  ')}`);
}
