export { startGraphQLHttpServer } from './graphql-http-server.ts';
export type { Admit, GraphQLHandlerOptions, GraphQLHttpServerOptions, RouteHandler, RunningServer } from './graphql-http-server.ts';
export { gracefulClose } from './graceful-close.ts';
export { healthRoutes } from './health.ts';
export type { HealthOptions, ReadinessCheck } from './health.ts';
export { startRouteServer } from './route-server.ts';
export { cappedIntegerHeader } from './capped-integer-header.ts';
export { freePort } from './free-port.ts';
