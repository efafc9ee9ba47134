// Apollo-free: the supervisor, the delivery worker and the tools load this without Apollo.
// The GraphQL server is `./graphql.ts`, for the processes that serve GraphQL.
export { gracefulClose } from './graceful-close.ts';
export { healthRoutes } from './health.ts';
export type { HealthOptions, ReadinessCheck } from './health.ts';
export { startRouteServer } from './route-server.ts';
export type { RouteHandler, RunningServer } from './route-server.ts';
export { cappedIntegerHeader } from './capped-integer-header.ts';
export { freePort } from './free-port.ts';
export { sharedListenerPlugin } from './shared-listener-plugin.ts';
