import { citizenByKey, citizenRootResolvers, type SubgraphContext } from '../../platform/subgraph/index.ts';
import { isCaseworkerOnCase } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { timeoutSignal } from '../../platform/resilience/index.ts';
import type { ChangeRecord } from './domain.ts';
import type { ChangeLoaders } from './loaders.ts';
import { prepareAddressChange, prepareContactChange, prepareDeathReport, type PrepareSources } from './prepare.ts';
import type { ChangeReporter, PreparedChange } from './reporter.ts';
import type { CursorSigner } from './timeline/cursor.ts';
import { needsSource, type EventKind, type TimelineEvent } from './timeline/events.ts';
import { checkPageSize, pageOf } from './timeline/page.ts';
import { buildTimeline } from './timeline/timeline.ts';

type Context = SubgraphContext<ChangeLoaders>;
type CitizenReference = { readonly nino: string };

function sourcesOf(context: Context): PrepareSources {
  const { loaders } = context;
  return { person: (nino) => loaders.person.load(nino), partner: (nino) => loaders.partner.load(nino), addresses: loaders.addresses, today: context.today };
}

/** Enums are upper case in the schema; the store keeps the kinds as the writers name them. */
const servedChange = (change: ChangeRecord) => ({
  ...change,
  kind: change.kind.toUpperCase(),
  confirmation: change.confirmation && { ...change.confirmation, channel: change.confirmation.channel.toUpperCase() },
});

export function createResolvers(reporter: ChangeReporter, cursors: Promise<CursorSigner>) {
  async function report(context: Context, operation: string, idempotencyKey: string, input: Readonly<Record<string, unknown>>, prepare: () => Promise<PreparedChange>) {
    // What the report asks the legacy systems is bounded by what is left of the request's budget.
    const timeout = timeoutSignal(Math.max(1, Math.floor(context.deadline.remainingMs())));
    try {
      return servedChange(await reporter.report({ principal: context.principal, operation, idempotencyKey, input, signal: timeout.signal, prepare }));
    } finally {
      timeout.clear();
    }
  }

  return {
    Query: {
      ...citizenRootResolvers(),
      change: async (_: unknown, args: { id: string }, context: Context) => {
        const change = await context.loaders.change.load(args.id);
        if (!change) throw new AppError('CHANGE_NOT_FOUND', 'No change of circumstances has this id.');
        // Found by id, not by NINO: the audit still names whose change it was.
        context.access.citizens.add(change.nino);
        return servedChange(change);
      },
    },

    // Each records, for the audit, the names of the fields it changes: never the new values.
    Mutation: {
      reportAddressChange: async (_: unknown, args: { nino: string; uprn: string; effectiveDate?: string | null; idempotencyKey: string }, context: Context) => {
        context.access.changedFields.add('changes.address');
        // Today made explicit, so a repeat tomorrow under the same key is the same request only if it names today's date.
        const input = { nino: args.nino, uprn: args.uprn, effectiveDate: args.effectiveDate ?? context.today };
        const { idempotencyKey } = args;
        return report(context, 'reportAddressChange', idempotencyKey, input, () => prepareAddressChange(input, sourcesOf(context)));
      },
      reportContactChange: async (
        _: unknown,
        args: { nino: string; phone?: string | null; mobile?: string | null; email?: string | null; idempotencyKey: string },
        context: Context,
      ) => {
        const input = { nino: args.nino, phone: args.phone ?? null, mobile: args.mobile ?? null, email: args.email ?? null };
        for (const field of ['phone', 'mobile', 'email'] as const) if (input[field] !== null) context.access.changedFields.add(`changes.${field}`);
        return report(context, 'reportContactChange', args.idempotencyKey, input, () => prepareContactChange(input, sourcesOf(context)));
      },
      reportDeath: async (_: unknown, args: { nino: string; dateOfDeath: string; idempotencyKey: string }, context: Context) => {
        context.access.changedFields.add('changes.dateOfDeath');
        const { idempotencyKey, ...input } = args;
        return report(context, 'reportDeath', idempotencyKey, input, () => prepareDeathReport(input, sourcesOf(context)));
      },
    },

    Citizen: {
      __resolveReference: citizenByKey,
      changes: async (citizen: CitizenReference, _: unknown, context: Context) => ((await context.loaders.changesOf.load(citizen.nino)) ?? []).map(servedChange),
      reviewTasks: async (citizen: CitizenReference, _: unknown, context: Context) => (await context.loaders.reviewTasksOf.load(citizen.nino)) ?? [],
      events: async (citizen: CitizenReference, args: { first: number; after?: string | null; kinds?: EventKind[] | null }, context: Context) => {
        // Arguments first: a page too large or a forged cursor costs no legacy call.
        const first = checkPageSize(args.first);
        const signer = await cursors;
        const after = args.after == null ? null : signer.read(citizen.nino, args.after);
        const kinds = args.kinds ?? null;
        const [changes, reviewTasks, histories] = await Promise.all([
          needsSource('changes', kinds) ? context.loaders.changesOf.load(citizen.nino) : null,
          // Shown to those Citizen.reviewTasks is shown to: caseworkers, never the citizen.
          needsSource('reviewTasks', kinds) && isCaseworkerOnCase(context.principal) ? context.loaders.reviewTasksOf.load(citizen.nino) : null,
          needsSource('histories', kinds) ? context.loaders.historiesOf(citizen.nino) : [],
        ]);
        const timeline = buildTimeline({ changes: changes ?? [], reviewTasks: reviewTasks ?? [], histories });
        const page = pageOf(timeline.events, { first, after, kinds });
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
