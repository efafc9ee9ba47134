import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createCisPersonsAdapter } from './adapters/cis.client.ts';
import { createIdentityLoaders, type IdentityLoaders } from './loaders.ts';
import { createResolvers } from './resolvers.ts';

export const identityTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The identity subgraph: person, contact and trace, read from CIS. */
export function createIdentitySubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<IdentityLoaders> {
  const cisClient = deps.legacy.of(config.legacy.cis);
  return {
    name: 'identity',
    typeDefs: identityTypeDefs,
    resolvers: createResolvers(),
    createLoaders: (scope) => createIdentityLoaders(createCisPersonsAdapter(cisClient.forRequest(scope))),
  };
}
