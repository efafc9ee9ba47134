import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig, type SubgraphName } from '../../platform/config/index.ts';
import { loadSupergraph } from '../../gateway/supergraph.ts';
import { createCallerForwarding } from './forward-caller.ts';

/**
 * The stock peer: @apollo/gateway, the version the project uses, with default settings, in
 * front of the same subgraphs (IDENTITY_URL...). Its only addition is the internal token our
 * subgraphs require, added in the documented hook, `RemoteGraphQLDataSource.willSendRequest`.
 * Listens on PORT; needs INTERNAL_TOKEN_SECRET.
 */
interface Context {
  readonly authorization?: string;
  readonly purpose?: string;
}

const config = loadConfig(process.env);
if (!config.auth.internalTokenSecret) throw new Error('INTERNAL_TOKEN_SECRET is required');
const forwarding = createCallerForwarding(config.auth.internalTokenSecret);
const gateway = new ApolloGateway({
  // The supergraph exactly as our gateway loads it (the authorization features marked as the subgraphs' to enforce).
  supergraphSdl: loadSupergraph(),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<Context>({
      url: config.subgraphs[name as SubgraphName].url,
      async willSendRequest({ request, context }) {
        request.http?.headers.set('authorization', await forwarding.internalAuthorization(context.authorization, context.purpose));
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: config.gateway.port, host: config.host },
  context: async ({ req }) => ({
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    ...(typeof req.headers['x-purpose'] === 'string' ? { purpose: req.headers['x-purpose'] } : {}),
  }),
});
console.log(`stock @apollo/gateway ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
