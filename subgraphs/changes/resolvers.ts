import type { SubgraphContext } from '../../platform/subgraph/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { ChangeRecord } from './domain.ts';
import type { ChangeLoaders } from './loaders.ts';
import { prepareAddressChange } from './prepare.ts';
import type { ChangeReporter } from './reporter.ts';
import type { CursorSigner } from './timeline/cursor.ts';
import { showsReviewTasks, type EventKind, type TimelineEvent } from './timeline/events.ts';
import { checkPageSize, pageOf } from './timeline/page.ts';
import { buildTimeline } from './timeline/timeline.ts';

type Context = SubgraphContext<ChangeLoaders>;
type CitizenReference = { readonly nino: string };

/** Bounds what a mutation asks the legacy systems by what is left of the request's budget. */
function signalOf(context: Context): AbortSignal {
  return AbortSignal.timeout(Math.max(1, Math.floor(context.deadline.remainingMs())));
}

/** Enums are upper case in the schema; the store keeps the kinds as the writers name them. */
const servedChange = (change: ChangeRecord) => ({ ...change, kind: change.kind.toUpperCase() });

export function createResolvers(reporter: ChangeReporter, cursors: Promise<CursorSigner>) {
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
      events: async (citizen: CitizenReference, args: { first: number; after?: string | null; kinds?: EventKind[] | null }, context: Context) => {
        // Arguments first: a page too large or a forged cursor costs no legacy call.
        const first = checkPageSize(args.first);
        const signer = await cursors;
        const after = args.after == null ? null : signer.read(citizen.nino, args.after);
        const [changes, reviewTasks, histories] = await Promise.all([
          context.loaders.changesOf.load(citizen.nino),
          showsReviewTasks(context.principal.role) ? context.loaders.reviewTasksOf.load(citizen.nino) : null,
          context.loaders.historiesOf(citizen.nino),
        ]);
        const timeline = buildTimeline({ changes: changes ?? [], reviewTasks: reviewTasks ?? [], histories });
        const page = pageOf(timeline.events, { first, after, kinds: args.kinds ?? null });
        const edges = page.events.map(({ event, position }) => ({ cursor: signer.write(citizen.nino, position), node: event }));
        // Each system that could not be read adds one Error, which graphql-js turns into a null edge with its own error.
        return { edges: [...edges, ...timeline.gaps], pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    },

    CitizenEvent: {
      amount: (event: TimelineEvent) => event.amountPence,
    },
  };
}
