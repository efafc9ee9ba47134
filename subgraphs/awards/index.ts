import { createLegacyClient } from '../../platform/resilience/index.ts';
import { loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createCisAwardsAdapter } from './adapters/cis-awards.client.ts';
import { createCisPersonsAdapter } from './adapters/cis-persons.client.ts';
import { createDisabilityAdapter } from './adapters/disability.client.ts';
import { createPscsAdapter } from './adapters/pscs.client.ts';
import { createUcAdapter } from './adapters/uc.client.ts';
import { createAwardsLoaders, type AwardsLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export const awardsTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The awards subgraph: every award from CIS, UC, PSCS and the disability system, and the partner eligibility checks. */
export function createAwardsSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<AwardsLoaders> {
  const { clientOptions } = deps;
  const clients = {
    cis: createLegacyClient(config.legacy.cis, clientOptions),
    uc: createLegacyClient(config.legacy.uc, clientOptions),
    pscs: createLegacyClient(config.legacy.pscs, clientOptions),
    disability: createLegacyClient(config.legacy.disability, clientOptions),
  };
  const adapters = {
    cis: createCisAwardsAdapter(clients.cis),
    uc: createUcAdapter(clients.uc),
    pscs: createPscsAdapter(clients.pscs),
    disability: createDisabilityAdapter(clients.disability),
  };
  const persons = createCisPersonsAdapter(clients.cis);
  return {
    name: 'awards',
    typeDefs: awardsTypeDefs,
    resolvers,
    createLoaders: () => createAwardsLoaders(adapters, persons, config.legacy.singleLookupConcurrency),
    close: async () => {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    },
  };
}
