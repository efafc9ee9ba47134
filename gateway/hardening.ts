import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type ValidationRule } from 'graphql';
import { AppError, ERROR_CATALOGUE } from '../platform/errors/index.ts';
import { canIntrospect } from '../platform/auth/index.ts';
import type { GatewayContext } from './caller-authentication.ts';

/** Limits that refuse hostile queries before planning: depth, aliases, directives, tokens, cost. */
export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2_000, maxCost: 5_000 } as const;

export function queryLimits(options: { production: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Armor counts tokens by parsing in a plugin hook, where any syntax error (not only too
    // many tokens) escapes Apollo's error handling as a 500. graphql-js's own parser limit,
    // below, refuses the same documents as an ordinary parse error (400).
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Suggestions ("Did you mean ...?") map a hidden schema for an attacker.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  return {
    ...armor,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [...armor.validationRules, knownOperationTypes],
  };
}

/**
 * Refuses an operation whose root type the schema lacks (this graph has no mutations or
 * subscriptions). graphql-js 16 leaves that to execution, where @apollo/gateway's planner
 * throws it as an internal error (500); graphql-js 17 makes it this validation rule.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This graph answers queries only: it has no ${node.operation} type.`, { nodes: [node] }));
  },
});

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Introspection is for analysts exploring the schema; everyone else works from the docs. */
export function introspectionForAnalystsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          // The whole document, fragments included: a fragment must not smuggle `__schema` in.
          let asksSchema = false;
          visit(document, {
            Field(node) {
              if (INTROSPECTION_FIELDS.has(node.name.value)) asksSchema = true;
            },
          });
          if (asksSchema && !canIntrospect(contextValue.principal)) {
            // Apollo answers an error thrown from this hook with 500 unless the error names its status.
            throw new AppError('FORBIDDEN', 'Schema introspection is for analysts; read the schema documentation instead.', {
              extensions: { http: { status: ERROR_CATALOGUE.FORBIDDEN.httpStatus } },
            });
          }
        },
      };
    },
  };
}
