import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { sharedListenerPlugin } from '../platform/http/index.ts';
import type { GatewayContext } from './caller-authentication.ts';

/** A rule an operation must pass once it is resolved, before it is planned: throws an AppError to refuse it. */
export type OperationCheck = (request: GraphQLRequestContextDidResolveOperation<GatewayContext>) => void;

/** Runs the checks in order, the first refusal answering, from one Apollo plugin rather than one each. */
export function operationChecksPlugin(checks: readonly OperationCheck[]): ApolloServerPlugin<GatewayContext> {
  return sharedListenerPlugin({
    async didResolveOperation(request) {
      for (const check of checks) check(request);
    },
  });
}
