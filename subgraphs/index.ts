import type { DocumentNode } from 'graphql';
import type { Config, SubgraphName } from '../platform/config/index.ts';
import type { SubgraphDefinition, SubgraphDeps } from '../platform/subgraph/index.ts';
import { createIdentitySubgraph, identityTypeDefs } from './identity/index.ts';
import { createAwardsSubgraph, awardsTypeDefs } from './awards/index.ts';
import { createAddressSubgraph, addressTypeDefs } from './address/index.ts';
import { createBankSubgraph, bankTypeDefs } from './bank/index.ts';
import { createRelationshipsSubgraph, relationshipsTypeDefs } from './relationships/index.ts';
import { createChangesSubgraph, changesTypeDefs } from './changes/index.ts';
import { createAuditSubgraph, auditTypeDefs } from './audit/index.ts';

export interface SubgraphModule {
  readonly typeDefs: DocumentNode;
  readonly create: (config: Config, deps: SubgraphDeps) => SubgraphDefinition<unknown>;
}

/** The domain subgraphs, by the name the supergraph knows them by. */
export const SUBGRAPHS: Readonly<Record<SubgraphName, SubgraphModule>> = {
  identity: { typeDefs: identityTypeDefs, create: createIdentitySubgraph as SubgraphModule['create'] },
  awards: { typeDefs: awardsTypeDefs, create: createAwardsSubgraph as SubgraphModule['create'] },
  address: { typeDefs: addressTypeDefs, create: createAddressSubgraph as SubgraphModule['create'] },
  bank: { typeDefs: bankTypeDefs, create: createBankSubgraph as SubgraphModule['create'] },
  relationships: { typeDefs: relationshipsTypeDefs, create: createRelationshipsSubgraph as SubgraphModule['create'] },
  changes: { typeDefs: changesTypeDefs, create: createChangesSubgraph as SubgraphModule['create'] },
  audit: { typeDefs: auditTypeDefs, create: createAuditSubgraph as SubgraphModule['create'] },
};
