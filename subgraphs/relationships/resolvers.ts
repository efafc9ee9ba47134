import { citizenByKey, citizenRootResolvers, type SubgraphContext } from '../../platform/subgraph/index.ts';
import type { Relationship } from './domain.ts';
import type { RelationshipLoaders } from './loaders.ts';

type Context = SubgraphContext<RelationshipLoaders>;

export const resolvers = {
  Query: citizenRootResolvers(),

  Citizen: {
    __resolveReference: citizenByKey,
    relationships: async (citizen: { nino: string }, args: { includeEnded?: boolean | null }, context: Context) => {
      const all = (await context.loaders.relationships.load(citizen.nino)) ?? [];
      return args.includeEnded ? all : all.filter((relationship) => relationship.to === null);
    },
  },

  Relationship: {
    // A reference the gateway resolves through every subgraph that extends Citizen.
    citizen: (relationship: Relationship) => ({ __typename: 'Citizen', nino: relationship.nino }),
  },
};
