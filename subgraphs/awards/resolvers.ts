import { AppError } from '../../platform/errors/index.ts';
import type { SubgraphContext } from '../../platform/subgraph/index.ts';
import { BENEFITS, type AssessmentPeriod, type Award, type AwardComponent, type Payment } from './domain.ts';
import { eligibilityQueryResolvers } from './eligibility/resolvers.ts';
import type { AwardsLoaders } from './loaders.ts';
import { nextPayment, recentPayments } from './schedule/payments.ts';

type Context = SubgraphContext<AwardsLoaders>;

/** An award as served on a citizen: the citizen's date of death bounds its payment schedule. */
interface CitizenAward extends Award {
  readonly dateOfDeath: string | null;
}

/** The most recent payments one award may list. */
export const MAX_RECENT_PAYMENTS = 26;

/** Live awards first, then in benefit order, newest first within a benefit. */
function compareAwards(a: Award, b: Award): number {
  const live = Number(b.status === 'LIVE') - Number(a.status === 'LIVE');
  const benefit = BENEFITS.indexOf(a.benefit) - BENEFITS.indexOf(b.benefit);
  return live || benefit || (b.startDate ?? '').localeCompare(a.startDate ?? '');
}

function scheduleBounds(award: CitizenAward, context: Context) {
  return { today: context.today, dateOfDeath: award.dateOfDeath };
}

export const resolvers = {
  Query: eligibilityQueryResolvers,

  Citizen: {
    awards: async (citizen: { nino: string; dateOfDeath?: string | null }, _: unknown, context: Context): Promise<Array<CitizenAward | Error>> => {
      const results = await context.loaders.awardsBySystem(citizen.nino);
      const dateOfDeath = citizen.dateOfDeath ?? null;
      const awards = results
        .flatMap((result) => (result instanceof Error ? [] : result))
        .sort(compareAwards)
        .map((award) => ({ ...award, dateOfDeath }));
      // Each failed system adds one Error, which graphql-js turns into a null entry with its own error.
      return [...awards, ...results.filter((result) => result instanceof Error)];
    },
  },

  Award: {
    amount: (award: Award) => award.amountPence,
    weeklyAmount: (award: Award) => award.weeklyAmountPence,
    nextPayment: (award: CitizenAward, _: unknown, context: Context) => nextPayment(award, scheduleBounds(award, context)),
    recentPayments: (award: CitizenAward, args: { last: number }, context: Context) => {
      if (args.last < 0 || args.last > MAX_RECENT_PAYMENTS) {
        throw new AppError('INVALID_ARGUMENT', `recentPayments(last:) must be from 0 to ${MAX_RECENT_PAYMENTS}; got ${args.last}.`);
      }
      return recentPayments(award, scheduleBounds(award, context), args.last);
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
