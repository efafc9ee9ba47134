export { createSubgraph } from './start-subgraph.ts';
export type { Subgraph, SubgraphDefinition, SubgraphContext, CreateSubgraphOptions, SubgraphDeps } from './start-subgraph.ts';
export { loadTypeDefs } from './load-type-defs.ts';
export { internalTokenSecret } from './internal-token-secret.ts';
