import { describe, expect, it } from 'vitest';
import type { Award, AwardComponent, AwardStatus, Benefit, ComponentKind, ComponentRate, HabitualResidence } from '../domain.ts';
import { freeSchoolMeals, healthyStart, isInPayment, prescriptionExemption, rightToReside, universalCreditInPayment, vehicleTaxExemption } from './rules.ts';

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

const pensionCredit = (kind: ComponentKind, status: AwardStatus = 'LIVE') => award('PENSION_CREDIT', [component(kind)], { status });
const esa = (kind: ComponentKind) => award('EMPLOYMENT_AND_SUPPORT_ALLOWANCE', [component(kind)]);

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
    ['contribution-based ESA', [esa('CONTRIBUTION_BASED')], false],
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
    ['Child Benefit alone', [award('CHILD_BENEFIT', [component('ELDEST_CHILD')])], false],
    ['no awards', [], false],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(freeSchoolMeals(awards, TODAY)).toBe(expected);
  });
});

describe('healthyStart', () => {
  it.each<[string, Award[], boolean]>([
    ['UC with a child element and take-home pay of exactly £408.00', [universalCredit([40800], ['CHILD'])], true],
    ['UC with a child element and take-home pay of £408.01', [universalCredit([40801], ['CHILD'])], false],
    ['UC without a child element', [universalCredit([0])], false],
    ['Pension Credit', [pensionCredit('SAVINGS_CREDIT')], true],
    ['ended Pension Credit', [pensionCredit('GUARANTEE_CREDIT', 'ENDED')], false],
    ['income-related ESA (qualifies only in pregnancy, which awards do not show)', [esa('INCOME_RELATED')], false],
    ['no awards', [], false],
  ])('%s gives $2', (_name, awards, expected) => {
    expect(healthyStart(awards, TODAY)).toBe(expected);
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
    ['Pension Credit, for which CIS holds no determination', [pensionCredit('GUARANTEE_CREDIT')], { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }],
    ['no awards', [], { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }],
  ])('%s', (_name, awards, expected) => {
    expect(rightToReside(awards)).toEqual(expected);
  });
});
