import type { GraphQLResolveInfo } from 'graphql';
import { AppError } from '../../platform/errors/index.ts';
import { citizenRootResolvers, selectsAnyField, type SubgraphContext } from '../../platform/subgraph/index.ts';
import { BENEFITS, type AssessmentPeriod, type Award, type AwardComponent, type Payment } from './domain.ts';
import { eligibilityQueryResolvers } from './eligibility/resolvers.ts';
import type { AwardsLoaders } from './loaders.ts';
import { nextPayment, recentPayments, type ScheduleBounds } from './schedule/payments.ts';

type Context = SubgraphContext<AwardsLoaders>;

/** An award as served on a citizen, who it belongs to kept for the date of death that bounds its schedule. */
interface CitizenAward extends Award {
  readonly nino: string;
}

/** The most recent payments one award may list. */
export const MAX_RECENT_PAYMENTS = 26;

/** The Award fields whose answer depends on the citizen's date of death. */
const SCHEDULE_FIELDS = ['nextPayment', 'recentPayments'];

/** Live awards first, then in benefit order, newest first within a benefit. */
function compareAwards(a: Award, b: Award): number {
  const live = Number(b.status === 'LIVE') - Number(a.status === 'LIVE');
  const benefit = BENEFITS.indexOf(a.benefit) - BENEFITS.indexOf(b.benefit);
  return live || benefit || (b.startDate ?? '').localeCompare(a.startDate ?? '');
}

/**
 * Today and the date of death, read from CIS by this subgraph itself. When CIS does not
 * answer, the schedule fails with CIS's error: a payment after an unrecorded death is never guessed.
 */
async function scheduleBounds(award: CitizenAward, context: Context): Promise<ScheduleBounds> {
  return { today: context.today, dateOfDeath: await context.loaders.dateOfDeath(award.nino) };
}

export const resolvers = {
  Query: { ...citizenRootResolvers(), ...eligibilityQueryResolvers },

  Citizen: {
    awards: async (citizen: { nino: string }, _: unknown, context: Context, info: GraphQLResolveInfo): Promise<Array<CitizenAward | Error>> => {
      // A payment schedule needs the date of death: read it from CIS beside the awards, not after them.
      if (selectsAnyField(info, SCHEDULE_FIELDS)) void context.loaders.dateOfDeath(citizen.nino);
      const results = await context.loaders.awardsBySystem(citizen.nino);
      const awards = results
        .flatMap((result) => (result instanceof Error ? [] : result))
        .sort(compareAwards)
        .map((award) => ({ ...award, nino: citizen.nino }));
      // Each failed system adds one Error, which graphql-js turns into a null entry with its own error.
      return [...awards, ...results.filter((result) => result instanceof Error)];
    },
  },

  Award: {
    amount: (award: Award) => award.amountPence,
    weeklyAmount: (award: Award) => award.weeklyAmountPence,
    lumpSum: (award: Award): Payment | null => (award.lumpSum?.date ? { date: award.lumpSum.date, amountPence: award.lumpSum.amountPence } : null),
    nextPayment: async (award: CitizenAward, _: unknown, context: Context) => nextPayment(award, await scheduleBounds(award, context)),
    recentPayments: async (award: CitizenAward, args: { last: number }, context: Context) => {
      if (args.last < 0 || args.last > MAX_RECENT_PAYMENTS) {
        throw new AppError('INVALID_ARGUMENT', `recentPayments(last:) must be from 0 to ${MAX_RECENT_PAYMENTS}; got ${args.last}.`);
      }
      return recentPayments(award, await scheduleBounds(award, context), args.last);
    },
    assessmentPeriods: (award: Award) => (award.pattern.kind === 'ASSESSMENT_PERIODS' ? award.pattern.periods : []),
  },

  AwardComponent: {
    weeklyAmount: (component: AwardComponent) => component.weeklyAmountPence,
    monthlyAmount: (component: AwardComponent) => component.monthlyAmountPence,
  },

  Payment: {
    amount: (payment: Payment) => payment.amountPence,
  },

  AssessmentPeriod: {
    earnings: (period: AssessmentPeriod) => period.earningsPence,
    award: (period: AssessmentPeriod) => period.awardPence,
  },
};
