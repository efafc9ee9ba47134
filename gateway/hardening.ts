import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { visit } from 'graphql';
import { AppError } from '../platform/errors/index.ts';
import { canIntrospect } from '../platform/auth/index.ts';
import type { GatewayContext } from './caller-authentication.ts';

/** Limits that refuse hostile queries before planning: depth, aliases, directives, tokens, cost. */
export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2_000, maxCost: 5_000 } as const;

export function queryLimits(options: { production: boolean }) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Suggestions ("Did you mean ...?") map a hidden schema for an attacker.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
}

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
            throw new AppError('FORBIDDEN', 'Schema introspection is for analysts; read the schema documentation instead.');
          }
        },
      };
    },
  };
}
