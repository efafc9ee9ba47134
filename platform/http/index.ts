export { startGraphQLHttpServer } from './graphql-http-server.ts';
export type { GraphQLHttpServerOptions, RouteHandler, RunningServer } from './graphql-http-server.ts';
