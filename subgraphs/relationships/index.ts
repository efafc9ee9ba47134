import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createCisRelationshipAdapter } from './adapters/cis.client.ts';
import { createRelationshipLoaders, type RelationshipLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export const relationshipsTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The relationships subgraph: partners, children, parents, appointees and carers from CIS. */
export function createRelationshipsSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<RelationshipLoaders> {
  const cisClient = deps.legacy.of(config.legacy.cis);
  return {
    name: 'relationships',
    typeDefs: relationshipsTypeDefs,
    resolvers,
    createLoaders: (scope) => createRelationshipLoaders(createCisRelationshipAdapter(cisClient.forRequest(scope))),
  };
}
