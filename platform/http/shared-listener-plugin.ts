import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/**
 * An Apollo plugin whose one listener serves every request, for hooks that keep nothing of any
 * one request: no listener is built per request. (Each plugin Apollo runs costs a request a
 * listener and a promise per hook: together about 1.5% of a trivial query's CPU apiece.)
 */
export function sharedListenerPlugin<TContext extends BaseContext>(
  listener: GraphQLRequestListener<TContext>,
  serverHooks: Omit<ApolloServerPlugin<TContext>, 'requestDidStart'> = {},
): ApolloServerPlugin<TContext> {
  return {
    ...serverHooks,
    async requestDidStart() {
      return listener;
    },
  };
}
