import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import { loadModulusTables } from '../../platform/domain/modulus/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { createPaymentsAdapter } from './adapters/payments.client.ts';
import { createBankLoaders, type BankLoaders } from './loaders.ts';
import { createResolvers } from './resolvers.ts';

export const bankTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/** The bank subgraph: payment accounts from the Central Payment System, and modulus checking. */
export function createBankSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<BankLoaders> {
  const paymentsClient = deps.legacy.of(config.legacy.payments);
  return {
    name: 'bank',
    typeDefs: bankTypeDefs,
    resolvers: createResolvers(loadModulusTables(config.modulusWeightsPath)),
    createLoaders: (scope) => createBankLoaders(createPaymentsAdapter(paymentsClient.forRequest(scope))),
  };
}
