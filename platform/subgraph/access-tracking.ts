import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';

/** What one request touched in one subgraph: the raw material of its access report. */
export interface AccessRecord {
  readonly citizens: Set<string>;
  /** Served, as `domain.field` (`domain.Query.field` for root fields). */
  readonly fields: Set<string>;
  /** Refused, as `domain.Type.field`. */
  readonly deniedFields: Set<string>;
}

export function newAccessRecord(): AccessRecord {
  return { citizens: new Set(), fields: new Set(), deniedFields: new Set() };
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
  const rootNames = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const onCitizen = typeName === 'Citizen';
      const isRoot = rootNames.has(typeName) && !fieldName.startsWith('_');
      if (!onCitizen && !isRoot) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        resolve: (source, args, context, info) => {
          const result = resolve(source, args, context, info);
          const access = accessOf(context as TContext);
          for (const nino of onCitizen ? ninosIn(source) : ninosIn(args)) access.citizens.add(nino);
          access.fields.add(`${domain}.${onCitizen ? '' : 'Query.'}${fieldName}`);
          return result;
        },
      };
    },
  });
}
