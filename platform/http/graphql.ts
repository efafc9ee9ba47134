// The GraphQL HTTP server, apart from `./index.ts` because it loads Apollo Server.
export { startGraphQLHttpServer } from './graphql-http-server.ts';
export type { Admit, GraphQLHandlerOptions, GraphQLHttpServerOptions } from './graphql-http-server.ts';
