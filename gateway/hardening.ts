import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ValidationRule } from 'graphql';
import { AppError, ERROR_CATALOGUE } from '../platform/errors/index.ts';
import { canIntrospect } from '../platform/auth/index.ts';
import type { GatewayContext } from './caller-authentication.ts';
import { documentQuestion } from './document-question.ts';
import type { OperationCheck } from './operation-checks.ts';
import { maxSelectionsRule, noRepeatedDirectivesRule, queryLimitsPlugin, stopAtLimit, type QueryLimitError } from './query-limits.ts';
import type { GraphQLRequest } from '@apollo/server';

/** Limits that refuse hostile queries before planning: depth, aliases, directives, selections, tokens, cost. */
export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxSelections: 200, maxTokens: 2_000, maxCost: 5_000 } as const;

export function queryLimits(options: { production: boolean; onRefused: (context: GatewayContext, request: GraphQLRequest, error: QueryLimitError) => Promise<void> }) {
  const stop = { onReject: [stopAtLimit] };
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ...stop },
    // Every alias counts: armor's default lets `__typename` be aliased without limit.
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [], ...stop },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...stop },
    // Armor counts tokens by parsing in a plugin hook, where any syntax error (not only too
    // many tokens) escapes Apollo's error handling as a 500. graphql-js's own parser limit,
    // below, refuses the same documents as an ordinary parse error (400).
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ...stop },
    // Suggestions ("Did you mean ...?") map a hidden schema for an attacker.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  const limitRules = [...armor.validationRules, maxSelectionsRule(QUERY_LIMITS.maxSelections), noRepeatedDirectivesRule];
  return {
    ...armor,
    plugins: [...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), queryLimitsPlugin<GatewayContext>(limitRules, options.onRefused)],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [knownOperationTypes],
  };
}

/**
 * Refuses an operation whose root type the schema lacks (this graph has no subscriptions).
 * graphql-js 16 leaves that to execution, where @apollo/gateway's planner throws it as an
 * internal error (500); graphql-js 17 makes it this validation rule.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This graph has no ${node.operation} type.`, { nodes: [node] }));
  },
});

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Whether the whole document, fragments included, asks for the schema: a fragment must not smuggle `__schema` in. */
const asksForSchema = documentQuestion(Kind.FIELD, (node) => INTROSPECTION_FIELDS.has(node.name.value));

/** Introspection is for analysts exploring the schema; everyone else works from the docs. */
export const introspectionForAnalysts: OperationCheck = ({ document, contextValue }) => {
  if (asksForSchema(document) && !canIntrospect(contextValue.principal)) {
    // Apollo answers an error thrown from this hook with 500 unless the error names its status.
    throw new AppError('FORBIDDEN', 'Schema introspection is for analysts; read the schema documentation instead.', {
      extensions: { http: { status: ERROR_CATALOGUE.FORBIDDEN.httpStatus } },
    });
  }
};

/**
 * Refuses, with 400, a document in which the operation to run cannot be found (an unknown
 * `operationName`, or several operations and none named), which @apollo/gateway's planner
 * would otherwise throw during execution, where Apollo answers it as a 500.
 */
export const operationResolved: OperationCheck = ({ operation, request }) => {
  if (operation) return;
  const message = request.operationName
    ? 'The document has no operation named by `operationName`.'
    : 'The document holds several operations: name the one to run in `operationName`.';
  throw new AppError('OPERATION_RESOLUTION_FAILURE', message, { extensions: { http: { status: ERROR_CATALOGUE.OPERATION_RESOLUTION_FAILURE.httpStatus } } });
};
