export { startSubgraph } from './start-subgraph.ts';
export type { SubgraphDefinition, SubgraphContext, StartSubgraphOptions, SubgraphDeps } from './start-subgraph.ts';
export { loadTypeDefs } from './load-type-defs.ts';
export { internalTokenSecret } from './internal-token-secret.ts';
export { selectsAnyField } from './selection.ts';
