import type { LegacyCallScope } from '../../platform/resilience/index.ts';
import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createCisAwardsAdapter } from './adapters/cis-awards.client.ts';
import { createCisPersonsAdapter } from './adapters/cis-persons.client.ts';
import { createDisabilityAdapter } from './adapters/disability.client.ts';
import { createJsapsAdapter } from './adapters/jsaps.client.ts';
import { createPscsAdapter } from './adapters/pscs.client.ts';
import { createUcAdapter } from './adapters/uc.client.ts';
import { createAwardsLoaders, type AwardsAdapters, type AwardsLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export const awardsTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The awards subgraph: every award from CIS, UC, PSCS, the disability system and JSAPS, and the partner eligibility checks. */
export function createAwardsSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<AwardsLoaders> {
  const clients = {
    cis: deps.legacy.of(config.legacy.cis),
    uc: deps.legacy.of(config.legacy.uc),
    pscs: deps.legacy.of(config.legacy.pscs),
    disability: deps.legacy.of(config.legacy.disability),
    jsaps: deps.legacy.of(config.legacy.jsaps),
  };
  // Adapters are made per request: each legacy call is bounded by its request's deadline.
  const adaptersFor = (scope: LegacyCallScope): AwardsAdapters => ({
    cis: createCisAwardsAdapter(clients.cis.forRequest(scope)),
    uc: createUcAdapter(clients.uc.forRequest(scope)),
    pscs: createPscsAdapter(clients.pscs.forRequest(scope)),
    disability: createDisabilityAdapter(clients.disability.forRequest(scope)),
    jsaps: createJsapsAdapter(clients.jsaps.forRequest(scope)),
  });
  return {
    name: 'awards',
    typeDefs: awardsTypeDefs,
    resolvers,
    createLoaders: (scope) => createAwardsLoaders(adaptersFor(scope), createCisPersonsAdapter(clients.cis.forRequest(scope)), config.legacy.singleLookupConcurrency),
  };
}
