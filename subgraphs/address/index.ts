import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createCisAddressAdapter } from './adapters/cis.client.ts';
import { createPostcodeAdapter } from './adapters/postcodes.client.ts';
import { createAddressLoaders, type AddressLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export const addressTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The address subgraph: address histories from CIS and the postcode address look-up. */
export function createAddressSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<AddressLoaders> {
  const cisClient = deps.legacy.of(config.legacy.cis);
  const postcodeClient = deps.legacy.of(config.legacy.postcodes);
  return {
    name: 'address',
    typeDefs: addressTypeDefs,
    resolvers,
    createLoaders: (scope) =>
      createAddressLoaders(createCisAddressAdapter(cisClient.forRequest(scope)), createPostcodeAdapter(postcodeClient.forRequest(scope)), config.legacy.singleLookupConcurrency),
  };
}
