import { describe, expect, it } from 'vitest';
import type { Award, AwardComponent, AwardStatus, Benefit, ComponentKind, ComponentRate, HabitualResidence } from '../domain.ts';
import {
  freeSchoolMeals,
  healthyStart,
  isInPayment,
  isPregnantForHealthyStart,
  prescriptionExemption,
  rightToReside,
  universalCreditInPayment,
  vehicleTaxExemption,
  type HealthyStartHousehold,
} from './rules.ts';

const TODAY = '2026-11-25';

function component(kind: ComponentKind, rate: ComponentRate | null = null): AwardComponent {
  return { kind, rate, weeklyAmountPence: 1000, monthlyAmountPence: null };
}

function award(benefit: Benefit, components: AwardComponent[], overrides: Partial<Award> = {}): Award {
  return {
    benefit,
    source: 'CIS',
    status: 'LIVE',
    startDate: '2024-01-01',
    endDate: null,
    reviewDate: null,
    paymentFrequency: 'FOUR_WEEKLY',
    amountPence: 4000,
    weeklyAmountPence: 1000,
    components,
    pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-11', payDay: 3 },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
    ...overrides,
  };
}

/** Universal Credit with one completed assessment period per earnings figure, newest first, ending the day before yesterday. */
function universalCredit(earningsNewestFirst: number[], elements: ComponentKind[] = [], overrides: Partial<Award> = {}, habitualResidence: HabitualResidence | null = null): Award {
  const periods = earningsNewestFirst.map((earningsPence, index) => {
    const month = String(10 - index).padStart(2, '0');
    const endMonth = String(11 - index).padStart(2, '0');
    return { start: `2026-${month}-24`, end: `2026-${endMonth}-23`, earningsPence, awardPence: 50000, paymentDate: `2026-${endMonth}-30` };
  });
  return award(
    'UNIVERSAL_CREDIT',
    [{ kind: 'STANDARD_ALLOWANCE', rate: null, weeklyAmountPence: null, monthlyAmountPence: 42490 }, ...elements.map((kind) => ({ kind, rate: null, weeklyAmountPence: null, monthlyAmountPence: 30394 }))],
    { source: 'UC', paymentFrequency: 'MONTHLY', weeklyAmountPence: null, pattern: { kind: 'ASSESSMENT_PERIODS', startDay: 24, periods }, habitualResidence, ...overrides },
  );
}

const pensionCredit = (kind: ComponentKind, status: AwardStatus = 'LIVE', habitualResidence: HabitualResidence | null = null) =>
  award('PENSION_CREDIT', [component(kind)], { status, habitualResidence });
const jsaps = (benefit: Benefit, kind: ComponentKind | null, status: AwardStatus = 'LIVE') =>
  award(benefit, kind ? [component(kind)] : [], { source: 'JSAPS', paymentFrequency: 'FORTNIGHTLY', status });
const esa = (kind: ComponentKind, status: AwardStatus = 'LIVE') => jsaps('EMPLOYMENT_AND_SUPPORT_ALLOWANCE', kind, status);
const jsa = (kind: ComponentKind, status: AwardStatus = 'LIVE') => jsaps('JOBSEEKERS_ALLOWANCE', kind, status);
const incomeSupport = (status: AwardStatus = 'LIVE') => jsaps('INCOME_SUPPORT', null, status);
/** A UC claim (or any award) carrying a reported pregnancy due on this date. */
const pregnancy = (due: string, onAward: Award = universalCredit([90000])): Award => ({ ...onAward, expectedDeliveryDate: due });

describe('isInPayment', () => {
  it.each<[string, Partial<Award>, boolean]>([
    ['a live award', {}, true],
    ['a live award ending today', { endDate: TODAY }, true],
    ['a live award that ended yesterday', { endDate: '2026-11-24' }, false],
    ['a live award starting tomorrow', { startDate: '2026-11-26' }, false],
    ['a suspended award', { status: 'SUSPENDED' }, false],
    ['a deferred award', { status: 'DEFERRED', startDate: null }, false],
  ])('%s gives $2', (_name, overrides, expected) => {
    expect(isInPayment(award('CHILD_BENEFIT', [], overrides), TODAY)).toBe(expected);
  });
});

describe('prescriptionExemption', () => {
  it.each<[string, Award[], boolean]>([
    ['UC earning exactly £435.00', [universalCredit([43500])], true],
    ['UC earning £435.01', [universalCredit([43501])], false],
    ['UC with a child element earning exactly £935.00', [universalCredit([93500], ['CHILD'])], true],
    ['UC with a child element earning £935.01', [universalCredit([93501], ['CHILD'])], false],
    ['UC with a disabled child addition earning £935.00', [universalCredit([93500], ['DISABLED_CHILD'])], true],
    ['UC with LCW earning £935.00', [universalCredit([93500], ['LIMITED_CAPABILITY_FOR_WORK'])], true],
    ['UC with LCWRA earning £935.00', [universalCredit([93500], ['LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY'])], true],
    ['UC with only a housing element earning £935.00', [universalCredit([93500], ['HOUSING_COSTS'])], false],
    ['UC judged on the latest period only', [universalCredit([50000, 0])], false],
    ['UC whose latest period has not ended', [universalCredit([90000], [], { pattern: { kind: 'ASSESSMENT_PERIODS', startDay: 24, periods: [{ start: '2026-10-25', end: TODAY, earningsPence: 0, awardPence: 1, paymentDate: '2026-12-02' }] } })], false],
    ['UC with no assessment period yet', [universalCredit([])], false],
    ['a closed UC claim', [universalCredit([0], [], { status: 'ENDED', endDate: '2026-11-23' })], false],
    ['Pension Credit guarantee credit', [pensionCredit('GUARANTEE_CREDIT')], true],
    ['Pension Credit savings credit alone', [pensionCredit('SAVINGS_CREDIT')], false],
    ['suspended Pension Credit guarantee credit', [pensionCredit('GUARANTEE_CREDIT', 'SUSPENDED')], false],
    ['income-related ESA', [esa('INCOME_RELATED')], true],
    ['ended income-related ESA', [esa('INCOME_RELATED', 'ENDED')], false],
    ['contribution-based ESA', [esa('CONTRIBUTION_BASED')], false],
    ['income-based JSA', [jsa('INCOME_BASED')], true],
    ['suspended income-based JSA', [jsa('INCOME_BASED', 'SUSPENDED')], false],
    ['contribution-based JSA', [jsa('CONTRIBUTION_BASED')], false],
    ['Income Support', [incomeSupport()], true],
    ['ended Income Support', [incomeSupport('ENDED')], false],
    ['no awards (or an unknown NINO)', [], false],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(prescriptionExemption(awards, TODAY)).toBe(expected);
  });
});

describe('freeSchoolMeals', () => {
  it.each<[string, Award[], boolean]>([
    ['UC earning exactly £616.67 in the last period', [universalCredit([61667])], true],
    ['UC earning £616.68 in its only period', [universalCredit([61668])], false],
    ['UC earning exactly £1,233.34 over two periods', [universalCredit([70000, 53334])], true],
    ['UC earning £1,233.35 over two periods', [universalCredit([70000, 53335])], false],
    ['UC earning exactly £1,850.00 over three periods', [universalCredit([70000, 60000, 55000])], true],
    ['UC earning £1,850.01 over three periods', [universalCredit([70000, 60000, 55001])], false],
    ['UC passing on the last period despite earlier earnings', [universalCredit([0, 500000, 500000])], true],
    ['a closed UC claim', [universalCredit([0], [], { status: 'ENDED', endDate: '2026-11-23' })], false],
    ['Pension Credit guarantee credit', [pensionCredit('GUARANTEE_CREDIT')], true],
    ['income-related ESA', [esa('INCOME_RELATED')], true],
    ['contribution-based ESA', [esa('CONTRIBUTION_BASED')], false],
    ['income-based JSA', [jsa('INCOME_BASED')], true],
    ['contribution-based JSA', [jsa('CONTRIBUTION_BASED')], false],
    ['Income Support', [incomeSupport()], true],
    ['Child Benefit alone', [award('CHILD_BENEFIT', [component('ELDEST_CHILD')])], false],
    ['no awards', [], false],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(freeSchoolMeals(awards, TODAY)).toBe(expected);
  });
});

describe('isPregnantForHealthyStart', () => {
  // TODAY 2026-11-25: 10 weeks pregnant exactly when the baby is due 30 weeks later, 2027-06-23.
  it.each<[string, Award[], boolean]>([
    ['due in exactly 30 weeks (10 weeks pregnant today)', [pregnancy('2027-06-23')], true],
    ['due a day later (9 weeks and 6 days)', [pregnancy('2027-06-24')], false],
    ['due today', [pregnancy(TODAY)], true],
    ['due yesterday (the birth is CIS\'s to record)', [pregnancy('2026-11-24')], false],
    ['no pregnancy reported', [universalCredit([0])], false],
  ])('%s', (_name, awards, expected) => {
    expect(isPregnantForHealthyStart(awards, TODAY)).toBe(expected);
  });
});

describe('healthyStart', () => {
  const adult: HealthyStartHousehold = { dateOfBirth: '1990-05-01', childrenBirthDates: [] };
  const withChild = (born: string): HealthyStartHousehold => ({ ...adult, childrenBirthDates: ['2015-02-01', born] });
  const under4 = withChild('2023-11-26');
  const pregnant = (onAward?: Award) => pregnancy('2027-03-01', onAward);

  it.each<[string, Award[], HealthyStartHousehold, boolean]>([
    ['UC take-home pay of exactly £408.00 with a child under 4', [universalCredit([40800])], under4, true],
    ['UC take-home pay of £408.01 with a child under 4', [universalCredit([40801])], under4, false],
    ['UC with low pay and a child who turned 4 today', [universalCredit([0])], withChild('2022-11-25'), false],
    ['UC with low pay and only older children', [universalCredit([0])], withChild('2015-06-01'), false],
    ['UC with low pay, no children, 10+ weeks pregnant', [pregnant(universalCredit([0]))], adult, true],
    ['UC with low pay, no children, not pregnant', [universalCredit([0])], adult, false],
    ['Income Support with a child under 4', [incomeSupport()], under4, true],
    ['Income Support with no child under 4 and no pregnancy', [incomeSupport()], withChild('2015-06-01'), false],
    ['income-based JSA with a child under 4', [jsa('INCOME_BASED')], under4, true],
    ['contribution-based JSA with a child under 4', [jsa('CONTRIBUTION_BASED')], under4, false],
    ['Pension Credit with the child addition and a child under 4', [award('PENSION_CREDIT', [component('GUARANTEE_CREDIT'), component('CHILD_ADDITION')])], under4, true],
    ['Pension Credit without the child addition, child under 4', [pensionCredit('GUARANTEE_CREDIT')], under4, false],
    ['income-related ESA in pregnancy', [esa('INCOME_RELATED'), pregnant(universalCredit([900000], [], { status: 'ENDED', endDate: '2026-10-01' }))], adult, true],
    ['income-related ESA with a child under 4 but no pregnancy', [esa('INCOME_RELATED')], under4, false],
    ['a pregnant applicant under 18 on no benefit at all', [pregnant(universalCredit([900000], [], { status: 'ENDED', endDate: '2026-10-01' }))], { dateOfBirth: '2009-01-10', childrenBirthDates: [] }, true],
    ['a pregnant applicant who turned 18 today, on no benefit', [pregnant(universalCredit([900000], [], { status: 'ENDED', endDate: '2026-10-01' }))], { dateOfBirth: '2008-11-25', childrenBirthDates: [] }, false],
    ['an applicant CIS does not hold', [universalCredit([0])], { dateOfBirth: null, childrenBirthDates: [] }, false],
    ['no awards, a child under 4', [], under4, false],
  ])('%s', (_name, awards, household, expected) => {
    expect(healthyStart(awards, household, TODAY)).toBe(expected);
  });
});

describe('vehicleTaxExemption', () => {
  const dla = (rate: ComponentRate, status: AwardStatus = 'LIVE') => award('DISABILITY_LIVING_ALLOWANCE', [component('CARE', 'MIDDLE'), component('MOBILITY', rate)], { source: 'DISABILITY', status });
  const pip = (rate: ComponentRate | null, status: AwardStatus = 'LIVE') =>
    award('PERSONAL_INDEPENDENCE_PAYMENT', [component('DAILY_LIVING', 'ENHANCED'), ...(rate ? [component('MOBILITY', rate)] : [])], { source: 'DISABILITY', status });

  it.each<[string, Award[], 'FULL' | 'HALF' | 'NONE']>([
    ['DLA higher rate mobility', [dla('HIGHER')], 'FULL'],
    ['PIP enhanced mobility', [pip('ENHANCED')], 'FULL'],
    ['PIP standard mobility', [pip('STANDARD')], 'HALF'],
    ['DLA lower rate mobility', [dla('LOWER')], 'NONE'],
    ['PIP daily living only', [pip(null)], 'NONE'],
    ['PIP standard mobility and DLA higher mobility', [pip('STANDARD'), dla('HIGHER')], 'FULL'],
    ['suspended PIP enhanced mobility', [pip('ENHANCED', 'SUSPENDED')], 'NONE'],
    ['ended DLA higher mobility', [dla('HIGHER', 'ENDED')], 'NONE'],
    ['Attendance Allowance', [award('ATTENDANCE_ALLOWANCE', [component('ATTENDANCE', 'HIGHER')])], 'NONE'],
    ['no awards', [], 'NONE'],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(vehicleTaxExemption(awards, TODAY)).toBe(expected);
  });
});

describe('universalCreditInPayment', () => {
  it.each<[string, Award[], boolean]>([
    ['an open UC claim', [universalCredit([100000])], true],
    ['an open UC claim with a nil award is still in payment (the claim is live)', [universalCredit([900000])], true],
    ['a closed UC claim', [universalCredit([0], [], { status: 'ENDED', endDate: '2026-11-23' })], false],
    ['a UC claim starting tomorrow', [universalCredit([], [], { startDate: '2026-11-26' })], false],
    ['other benefits only', [pensionCredit('GUARANTEE_CREDIT')], false],
    ['no awards', [], false],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(universalCreditInPayment(awards, TODAY)).toBe(expected);
  });
});

describe('rightToReside', () => {
  it.each<[string, Award[], ReturnType<typeof rightToReside>]>([
    ['a UC claim that passed', [universalCredit([0], [], {}, { outcome: 'PASSED', decidedOn: '2024-03-20' })], { outcome: 'PASSED', benefit: 'UNIVERSAL_CREDIT', decidedOn: '2024-03-20' }],
    ['a UC claim that failed', [universalCredit([0], [], {}, { outcome: 'FAILED', decidedOn: '2025-02-10' })], { outcome: 'FAILED', benefit: 'UNIVERSAL_CREDIT', decidedOn: '2025-02-10' }],
    [
      'a closed claim keeps its determination',
      [universalCredit([0], [], { status: 'ENDED', endDate: '2025-03-30' }, { outcome: 'PASSED', decidedOn: '2025-02-10' })],
      { outcome: 'PASSED', benefit: 'UNIVERSAL_CREDIT', decidedOn: '2025-02-10' },
    ],
    ['a UC claim never assessed', [universalCredit([0], [], {}, { outcome: 'NOT_ASSESSED', decidedOn: null })], { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }],
    ['Pension Credit with no determination', [pensionCredit('GUARANTEE_CREDIT')], { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }],
    [
      'a Pension Credit claim that passed',
      [pensionCredit('GUARANTEE_CREDIT', 'LIVE', { outcome: 'PASSED', decidedOn: '2013-06-11' })],
      { outcome: 'PASSED', benefit: 'PENSION_CREDIT', decidedOn: '2013-06-11' },
    ],
    [
      'the newer of a UC and a Pension Credit determination',
      [universalCredit([0], [], { status: 'ENDED', endDate: '2024-01-01' }, { outcome: 'FAILED', decidedOn: '2022-05-01' }), pensionCredit('GUARANTEE_CREDIT', 'LIVE', { outcome: 'PASSED', decidedOn: '2025-02-03' })],
      { outcome: 'PASSED', benefit: 'PENSION_CREDIT', decidedOn: '2025-02-03' },
    ],
    ['no awards', [], { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }],
  ])('%s', (_name, awards, expected) => {
    expect(rightToReside(awards)).toEqual(expected);
  });
});
