import { citizenByKey, citizenRootResolvers, type SubgraphContext } from '../../platform/subgraph/index.ts';
import { canSeeRestricted } from '../../platform/auth/index.ts';
import { currentOf } from './adapters/cis.mapping.ts';
import type { AddressRecord } from './domain.ts';
import type { AddressLoaders } from './loaders.ts';

type Context = SubgraphContext<AddressLoaders>;
type CitizenReference = { readonly nino: string };

/**
 * A citizen's address history, withheld (empty) for a restricted record unless the caller may
 * see restricted records. Whether the record is restricted is read from CIS here, beside the
 * history, never taken from the entity representation: a caller able to shape one must not
 * unlock an address. CIS not answering either read fails the field with CIS's error.
 */
async function historyOf(citizen: CitizenReference, context: Context): Promise<AddressRecord[]> {
  const { history, restricted } = context.loaders;
  if (canSeeRestricted(context.principal)) return (await history.load(citizen.nino)) ?? [];
  const [isRestricted, records] = await Promise.all([restricted.load(citizen.nino), history.load(citizen.nino)]);
  // A NINO CIS does not hold (null) has no addresses to show either way; only an open record shows them.
  return isRestricted === false ? (records ?? []) : [];
}

export const resolvers = {
  Query: {
    ...citizenRootResolvers(),
    addressLookup: (_: unknown, args: { postcode: string }, context: Context) => context.loaders.lookup.load(args.postcode),
  },

  Citizen: {
    // Only the key: the restriction is read from CIS, never taken from the representation.
    __resolveReference: citizenByKey,
    currentAddress: async (citizen: CitizenReference, _: unknown, context: Context) => currentOf(await historyOf(citizen, context), 'RESIDENTIAL')?.address ?? null,
    correspondenceAddress: async (citizen: CitizenReference, _: unknown, context: Context) =>
      currentOf(await historyOf(citizen, context), 'CORRESPONDENCE')?.address ?? null,
    addressHistory: (citizen: CitizenReference, _: unknown, context: Context) => historyOf(citizen, context),
  },
};
