import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import { normaliseNino } from '../platform/auth/index.ts';
import { isNino } from '../platform/domain/index.ts';
import { AppError, ERROR_CATALOGUE } from '../platform/errors/index.ts';
import type { OperationCheck } from './operation-checks.ts';

/** The scalar every citizen-naming argument is typed with. */
const NINO_SCALAR = 'NINO';

/** Where a document names citizens: the NINO literals it holds, and the variables that carry NINOs. */
interface CitizenSites {
  readonly schema: GraphQLSchema;
  readonly literals: readonly string[];
  readonly variables: readonly string[];
}

/** Worked out once per parsed document: Apollo hands a repeated query's cached document back. */
const sitesOf = new WeakMap<DocumentNode, CitizenSites>();

function citizenSites(schema: GraphQLSchema, document: DocumentNode): CitizenSites {
  const known = sitesOf.get(document);
  if (known?.schema === schema) return known;
  const literals: string[] = [];
  const variables: string[] = [];
  const fromLiteral = (node: ValueNode): void => {
    if (node.kind === 'StringValue') literals.push(node.value);
    else if (node.kind === 'ListValue') node.values.forEach(fromLiteral);
    else if (node.kind === 'Variable') variables.push(node.name.value);
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getInputType();
        if (type && getNamedType(type).name === NINO_SCALAR) fromLiteral(node.value);
      },
    }),
  );
  const sites = { schema, literals, variables };
  sitesOf.set(document, sites);
  return sites;
}

/**
 * Every distinct citizen an operation names in its arguments (literals and variables), across
 * all its fields, aliases and fragments: what one request asks for before anything is planned.
 */
export function citizensNamedIn(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>> = {}): Set<string> {
  const named = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') named.add(isNino(value) ? normaliseNino(value) : value);
    else if (Array.isArray(value)) value.forEach(add);
  };
  const sites = citizenSites(schema, document);
  sites.literals.forEach(add);
  for (const name of sites.variables) add(variables[name]);
  return named;
}

/**
 * Refuses, before planning and so before any legacy call, an operation that names more than
 * `max` distinct citizens, however it spreads them over aliases, fragments and variables (a
 * caseload is at most `max`). The refusal is noted on the request for its audit entry.
 */
export function citizenLimit(max: number): OperationCheck {
  return ({ document, schema, request, contextValue }) => {
    const named = citizensNamedIn(schema, document, request.variables ?? {});
    if (named.size <= max) return;
    for (const nino of named) if (isNino(nino)) contextValue.access.citizens.add(nino);
    contextValue.access.deniedFields.add('gateway.TOO_MANY_CITIZENS');
    throw new AppError('TOO_MANY_CITIZENS', `One request may name at most ${max} citizens; this one names ${named.size}.`, {
      extensions: { http: { status: ERROR_CATALOGUE.TOO_MANY_CITIZENS.httpStatus } },
    });
  };
}

/**
 * How many more distinct citizens one subgraph call may reach: the request's budget less the
 * citizens it has reached elsewhere, not counting those this call is about (an entity fetch
 * for citizens already counted costs nothing more).
 */
export function remainingCitizenBudget(reached: ReadonlySet<string>, variables: Readonly<Record<string, unknown>> | undefined, budget: number): number {
  const representations = Array.isArray(variables?.representations) ? (variables.representations as Array<{ nino?: unknown }>) : [];
  const about = new Set(representations.map((representation) => representation?.nino).filter((nino): nino is string => typeof nino === 'string'));
  let elsewhere = 0;
  for (const nino of reached) if (!about.has(nino)) elsewhere += 1;
  return Math.max(0, budget - elsewhere);
}
