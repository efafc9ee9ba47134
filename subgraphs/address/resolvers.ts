import type { SubgraphContext } from '../../platform/subgraph/index.ts';
import { canSeeRestricted } from '../../platform/auth/index.ts';
import { currentOf } from './adapters/cis.mapping.ts';
import type { AddressRecord } from './domain.ts';
import type { AddressLoaders } from './loaders.ts';

type Context = SubgraphContext<AddressLoaders>;
type CitizenReference = { nino: string; restricted?: boolean };

/** A restricted record's addresses are withheld unless the caller may see restricted records. */
async function historyOf(citizen: CitizenReference, context: Context): Promise<AddressRecord[]> {
  if (citizen.restricted !== false && !canSeeRestricted(context.principal)) return [];
  return (await context.loaders.history.load(citizen.nino)) ?? [];
}

export const resolvers = {
  Query: {
    addressLookup: (_: unknown, args: { postcode: string }, context: Context) => context.loaders.lookup.load(args.postcode),
  },

  Citizen: {
    __resolveReference: (reference: CitizenReference) => reference,
    currentAddress: async (citizen: CitizenReference, _: unknown, context: Context) => currentOf(await historyOf(citizen, context), 'RESIDENTIAL')?.address ?? null,
    correspondenceAddress: async (citizen: CitizenReference, _: unknown, context: Context) =>
      currentOf(await historyOf(citizen, context), 'CORRESPONDENCE')?.address ?? null,
    addressHistory: (citizen: CitizenReference, _: unknown, context: Context) => historyOf(citizen, context),
  },
};
