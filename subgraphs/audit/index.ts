import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createResolvers } from './resolvers.ts';

export const auditTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The audit subgraph: the access audit's searches for auditors, and each citizen's own access history. It calls no legacy system. */
export function createAuditSubgraph(_config: Config, deps: SubgraphDeps): SubgraphDefinition<Record<string, never>> {
  return {
    name: 'audit',
    typeDefs: auditTypeDefs,
    resolvers: createResolvers(deps.audit),
    createLoaders: () => ({}),
  };
}
