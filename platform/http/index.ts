export { startGraphQLHttpServer } from './graphql-http-server.ts';
export type { Admit, GraphQLHttpServerOptions, RouteHandler, RunningServer } from './graphql-http-server.ts';
