import { z } from 'zod';
import { mapWire } from '../../../platform/formats/index.ts';
import type { AssessmentPeriod, Award, ComponentKind } from '../domain.ts';

const isoDate = z.iso.date();
const pence = z.number().int().nonnegative();

const wireClaim = z.object({
  status: z.enum(['OPEN', 'CLOSED']),
  startDate: isoDate,
  assessmentPeriodStartDay: z.number().int().min(1).max(31),
  elements: z.array(
    z.object({
      code: z.enum(['STANDARD_ALLOWANCE', 'CHILD', 'DISABLED_CHILD', 'LCW', 'LCWRA', 'CARER', 'HOUSING', 'CHILDCARE']),
      monthlyPence: pence,
    }),
  ),
  assessmentPeriods: z.array(z.object({ start: isoDate, end: isoDate, earningsPence: pence, awardPence: pence, paymentDate: isoDate })),
  habitualResidence: z.object({ outcome: z.enum(['PASSED', 'FAILED', 'NOT_ASSESSED']), decidedOn: isoDate.nullable() }).nullable(),
  /** A pregnancy the claimant reported; null when none. */
  expectedDeliveryDate: isoDate.nullable(),
});

const wireResponse = z.object({
  claimants: z.array(z.object({ nino: z.string(), claim: wireClaim.nullable() })),
  notFound: z.array(z.string()),
});

const ELEMENTS: Readonly<Record<z.infer<typeof wireClaim>['elements'][number]['code'], ComponentKind>> = {
  STANDARD_ALLOWANCE: 'STANDARD_ALLOWANCE',
  CHILD: 'CHILD',
  DISABLED_CHILD: 'DISABLED_CHILD',
  LCW: 'LIMITED_CAPABILITY_FOR_WORK',
  LCWRA: 'LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY',
  CARER: 'CARER',
  HOUSING: 'HOUSING_COSTS',
  CHILDCARE: 'CHILDCARE_COSTS',
};

function toAward(claim: z.infer<typeof wireClaim>): Award {
  const periods: AssessmentPeriod[] = claim.assessmentPeriods
    .map((period) => ({ start: period.start, end: period.end, earningsPence: period.earningsPence, awardPence: period.awardPence, paymentDate: period.paymentDate }))
    .sort((a, b) => (a.start < b.start ? 1 : -1));
  const newest = periods[0];
  const closed = claim.status === 'CLOSED';
  return {
    benefit: 'UNIVERSAL_CREDIT',
    source: 'UC',
    status: closed ? 'ENDED' : 'LIVE',
    startDate: claim.startDate,
    // The platform records no end date: a closed claim's entitlement ends with its last assessment period.
    endDate: closed ? (newest?.end ?? null) : null,
    reviewDate: null,
    paymentFrequency: 'MONTHLY',
    amountPence: newest?.awardPence ?? null,
    weeklyAmountPence: null,
    components: claim.elements.map((element) => ({ kind: ELEMENTS[element.code], rate: null, weeklyAmountPence: null, monthlyAmountPence: element.monthlyPence })),
    pattern: { kind: 'ASSESSMENT_PERIODS', startDay: claim.assessmentPeriodStartDay, periods },
    habitualResidence: claim.habitualResidence ? { outcome: claim.habitualResidence.outcome, decidedOn: claim.habitualResidence.decidedOn } : null,
    lumpSum: null,
    expectedDeliveryDate: claim.expectedDeliveryDate,
  };
}

/** UC `claimants:batchGet` answer → each claimant's Universal Credit award keyed by NINO; NINOs in `notFound` have none. */
export function mapUcClaimants(payload: unknown): Map<string, Award> {
  return mapWire('uc', wireResponse, payload, (response) => {
    const awards = new Map<string, Award>();
    for (const claimant of response.claimants) {
      if (claimant.claim) awards.set(claimant.nino, toAward(claimant.claim));
    }
    return awards;
  });
}
