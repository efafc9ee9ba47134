import type { SubgraphContext } from '../../platform/subgraph/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { ChangeRecord } from './domain.ts';
import type { ChangeLoaders } from './loaders.ts';
import { prepareAddressChange } from './prepare.ts';
import type { ChangeReporter } from './reporter.ts';

type Context = SubgraphContext<ChangeLoaders>;
type CitizenReference = { readonly nino: string };

/** Bounds what a mutation asks the legacy systems by what is left of the request's budget. */
function signalOf(context: Context): AbortSignal {
  return AbortSignal.timeout(Math.max(1, Math.floor(context.deadline.remainingMs())));
}

/** Enums are upper case in the schema; the store keeps the kinds as the writers name them. */
const servedChange = (change: ChangeRecord) => ({ ...change, kind: change.kind.toUpperCase() });

export function createResolvers(reporter: ChangeReporter) {
  return {
    Query: {
      change: async (_: unknown, args: { id: string }, context: Context) => {
        const change = await context.loaders.change.load(args.id);
        if (!change) throw new AppError('CHANGE_NOT_FOUND', 'No change of circumstances has this id.');
        // Found by id, not by NINO: the audit still names whose change it was.
        context.access.citizens.add(change.nino);
        return servedChange(change);
      },
    },

    Mutation: {
      reportAddressChange: async (_: unknown, args: { nino: string; uprn: string; effectiveDate: string; idempotencyKey: string }, context: Context) => {
        // Names only, for the audit: the new address itself is never recorded there.
        context.access.changedFields.add('changes.address');
        const { idempotencyKey, ...input } = args;
        const change = await reporter.report({
          principal: context.principal,
          operation: 'reportAddressChange',
          idempotencyKey,
          input,
          signal: signalOf(context),
          prepare: () => prepareAddressChange(input, { person: (nino) => context.loaders.person.load(nino), addresses: context.loaders.addresses, today: context.today }),
        });
        return servedChange(change);
      },
    },

    Citizen: {
      __resolveReference: (reference: CitizenReference): CitizenReference => ({ nino: reference.nino }),
      changes: async (citizen: CitizenReference, _: unknown, context: Context) => ((await context.loaders.changesOf.load(citizen.nino)) ?? []).map(servedChange),
    },
  };
}
