import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { AppError } from '../errors/index.ts';

/**
 * The header in which the gateway tells a subgraph how many more distinct citizens this call
 * may reach: the request's budget less the citizens it has already reached elsewhere. Every
 * subgraph enforces it, so a request walking households several hops deep stops at the budget.
 */
export const CITIZEN_BUDGET_HEADER = 'x-citizen-budget';

/** What one request touched in one subgraph: the raw material of its access report. */
export interface AccessRecord {
  readonly citizens: Set<string>;
  /** Served, as `domain.field` (`domain.Query.field` for root fields). */
  readonly fields: Set<string>;
  /** Refused, as `domain.Type.field`. */
  readonly deniedFields: Set<string>;
  /** Root fields called with arguments (searches, look-ups, checks) and the arguments as given, for the audit. */
  readonly searches: Array<{ readonly field: string; readonly args: Readonly<Record<string, unknown>> }>;
  /** References of the partner checks answered, so a disputed check is found in the audit by the reference it carried. */
  readonly references: string[];
  /** Names of the citizen's fields a mutation changed (`domain.field`), never their values. */
  readonly changedFields: Set<string>;
  /** Most distinct citizens this call may reach. */
  readonly citizenBudget: number;
}

export function newAccessRecord(citizenBudget: number): AccessRecord {
  return { citizens: new Set(), fields: new Set(), deniedFields: new Set(), searches: [], references: [], changedFields: new Set(), citizenBudget };
}

/** NINOs a field is about: its entity's key (the source) or its `nino`/`ninos`/`citizen` arguments. */
export function citizensIn(source: unknown, args: unknown): string[] {
  return [...ninosIn(source), ...ninosIn(args)];
}

function ninosIn(value: unknown): string[] {
  const record = value as { nino?: unknown; ninos?: unknown; citizen?: unknown } | null | undefined;
  const found: string[] = [];
  if (typeof record?.nino === 'string') found.push(record.nino);
  // An auditor's search of the audit by citizen is itself an access to that citizen's data.
  if (typeof record?.citizen === 'string') found.push(record.citizen);
  if (Array.isArray(record?.ninos)) for (const nino of record.ninos) if (typeof nino === 'string') found.push(nino);
  return found;
}

/**
 * Notes, for the audit, every citizen a request touches and every field it is served: fields
 * of a Citizen entity (the citizen is the entity's key) and root fields taking a NINO. It wraps
 * the authorization guard, which throws before resolving a refused field: such a field is not
 * noted here as served (the guard's refusal hook notes it as denied).
 */
export function trackCitizenAccess<TContext>(schema: GraphQLSchema, domain: string, accessOf: (context: TContext) => AccessRecord): GraphQLSchema {
  const queryName = schema.getQueryType()?.name;
  const mutationName = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const onCitizen = typeName === 'Citizen';
      const isMutation = typeName === mutationName;
      const isRoot = (typeName === queryName || isMutation) && !fieldName.startsWith('_');
      if (!onCitizen && !isRoot) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const field = `${domain}.${onCitizen ? '' : isMutation ? 'Mutation.' : 'Query.'}${fieldName}`;
      return {
        ...fieldConfig,
        resolve: (source, args, context, info) => {
          const access = accessOf(context as TContext);
          const ninos = onCitizen ? ninosIn(source) : ninosIn(args);
          if (onCitizen) for (const nino of ninos) withinBudget(access, nino);
          // Before resolving: a search is audited with its criteria even when it is refused or fails.
          // A mutation's arguments are the new values (an address, a phone number): never audited;
          // its resolver names the fields it changed instead.
          if (!onCitizen && !isMutation && Object.keys(args).length > 0) access.searches.push({ field, args });
          const result = resolve(source, args, context, info);
          for (const nino of ninos) access.citizens.add(nino);
          access.fields.add(field);
          return result;
        },
      };
    },
  });
}

/** A citizen beyond the request's budget is left out (its fields null with TOO_MANY_CITIZENS), never served. */
function withinBudget(access: AccessRecord, nino: string): void {
  if (access.citizens.has(nino) || access.citizens.size < access.citizenBudget) return;
  throw new AppError('TOO_MANY_CITIZENS', `This request has reached the most citizens one request may reach (its budget); this one was left out.`);
}
