import { describe, expect, it } from 'vitest';
import type { AssessmentPeriod, Award } from '../domain.ts';
import { nextPayment, recentPayments } from './payments.ts';

const TODAY = '2026-11-25';

function regularAward(overrides: Partial<Award> & { lastPaidDate?: string | null; payDay?: number | null } = {}): Award {
  const { lastPaidDate = '2026-11-11', payDay = null, ...rest } = overrides;
  return {
    benefit: 'STATE_PENSION',
    source: 'PSCS',
    status: 'LIVE',
    startDate: '2022-05-12',
    endDate: null,
    reviewDate: null,
    paymentFrequency: 'FOUR_WEEKLY',
    amountPence: 96520,
    weeklyAmountPence: 24130,
    components: [],
    pattern: { kind: 'REGULAR', lastPaidDate, payDay },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
    ...rest,
  };
}

const UC_PERIODS: AssessmentPeriod[] = [
  { start: '2026-10-14', end: '2026-11-13', earningsPence: 43500, awardPence: 137041, paymentDate: '2026-11-20' },
  { start: '2026-09-14', end: '2026-10-13', earningsPence: 61667, awardPence: 127456, paymentDate: '2026-10-20' },
  { start: '2026-08-14', end: '2026-09-13', earningsPence: 0, awardPence: 162091, paymentDate: '2026-09-20' },
];

function ucAward(periods: readonly AssessmentPeriod[] = UC_PERIODS, overrides: Partial<Award> = {}, startDay = 14): Award {
  return {
    benefit: 'UNIVERSAL_CREDIT',
    source: 'UC',
    status: 'LIVE',
    startDate: '2024-03-14',
    endDate: null,
    reviewDate: null,
    paymentFrequency: 'MONTHLY',
    amountPence: periods[0]?.awardPence ?? null,
    weeklyAmountPence: null,
    components: [],
    pattern: { kind: 'ASSESSMENT_PERIODS', startDay, periods },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
    ...overrides,
  };
}

type Case = [name: string, award: Award, today: string, dateOfDeath: string | null, next: string | null, recent: string[]];

describe('a regular (weekly to monthly) payment schedule', () => {
  it.each<Case>([
    ['four-weekly from the last payment', regularAward(), TODAY, null, '2026-12-09', ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['a payment dated today counts as made', regularAward({ lastPaidDate: TODAY }), TODAY, null, '2026-12-23', ['2026-11-25', '2026-10-28', '2026-09-30']],
    ['projected forward from a stale last payment while live', regularAward({ lastPaidDate: '2026-08-19' }), TODAY, null, '2026-12-09', ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['never before the start date', regularAward({ startDate: '2026-10-20' }), TODAY, null, '2026-12-09', ['2026-11-11']],
    ['a payment on the start date is allowed', regularAward({ startDate: '2026-10-14' }), TODAY, null, '2026-12-09', ['2026-11-11', '2026-10-14']],
    ['nothing due after death', regularAward(), TODAY, '2026-11-20', null, ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['nothing paid after death', regularAward(), TODAY, '2026-11-01', null, ['2026-10-14', '2026-09-16', '2026-08-19']],
    ['a payment on the day of death is made', regularAward(), TODAY, '2026-11-11', null, ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['nothing due after the end date', regularAward({ endDate: '2026-12-08' }), TODAY, null, null, ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['a payment on the end date is due', regularAward({ endDate: '2026-12-09' }), TODAY, null, '2026-12-09', ['2026-11-11', '2026-10-14', '2026-09-16']],
    [
      'an ended weekly award up to its end',
      regularAward({ status: 'ENDED', paymentFrequency: 'WEEKLY', amountPence: 8645, endDate: '2025-03-31', lastPaidDate: '2025-03-31' }),
      TODAY,
      null,
      null,
      ['2025-03-31', '2025-03-24', '2025-03-17'],
    ],
    [
      'a suspended fortnightly award stops at its last payment',
      regularAward({ status: 'SUSPENDED', paymentFrequency: 'FORTNIGHTLY', lastPaidDate: '2026-10-20' }),
      TODAY,
      null,
      null,
      ['2026-10-20', '2026-10-06', '2026-09-22'],
    ],
    ['a deferred pension never paid', regularAward({ status: 'DEFERRED', startDate: null, lastPaidDate: null }), TODAY, null, null, []],
    ['a new award is first paid one period after it starts', regularAward({ startDate: '2026-11-20', lastPaidDate: null }), TODAY, null, '2026-12-18', []],
    ['a new award is first paid on its pay day once a period has passed', regularAward({ startDate: '2026-11-20', lastPaidDate: null, payDay: 1 }), TODAY, null, '2026-12-21', []],
    ['the pay day does not move a series with a recorded payment', regularAward({ payDay: 1 }), TODAY, null, '2026-12-09', ['2026-11-11', '2026-10-14', '2026-09-16']],
    ['an award starting in the future', regularAward({ startDate: '2026-12-01', lastPaidDate: null }), TODAY, null, '2026-12-29', []],
    [
      'monthly on the day of the last payment',
      regularAward({ paymentFrequency: 'MONTHLY', startDate: '2026-01-05', lastPaidDate: '2026-11-05', endDate: '2027-07-04' }),
      TODAY,
      null,
      '2026-12-05',
      ['2026-11-05', '2026-10-05', '2026-09-05'],
    ],
    [
      'monthly on the 31st falls back to the month end',
      regularAward({ paymentFrequency: 'MONTHLY', startDate: '2026-01-31', lastPaidDate: '2026-10-31' }),
      TODAY,
      null,
      '2026-11-30',
      ['2026-10-31', '2026-09-30', '2026-08-31'],
    ],
    [
      'monthly keeps to the start date\'s day after a short month',
      regularAward({ paymentFrequency: 'MONTHLY', startDate: '2026-01-31', lastPaidDate: '2026-11-30' }),
      '2026-12-01',
      null,
      '2026-12-31',
      ['2026-11-30', '2026-10-31', '2026-09-30'],
    ],
    ['a new monthly award is first paid a month after it starts', regularAward({ paymentFrequency: 'MONTHLY', startDate: '2026-11-10', lastPaidDate: null }), TODAY, null, '2026-12-10', []],
    ['nothing without an amount', regularAward({ amountPence: null }), TODAY, null, null, []],
  ])('%s', (_name, award, today, dateOfDeath, next, recent) => {
    const bounds = { today, dateOfDeath };
    expect(nextPayment(award, bounds)).toEqual(next === null ? null : { date: next, amountPence: award.amountPence });
    expect(recentPayments(award, bounds, 3)).toEqual(recent.map((date) => ({ date, amountPence: award.amountPence })));
  });

  it.each([0, 1, 5])('lists at most %i recent payments', (last) => {
    expect(recentPayments(regularAward(), { today: TODAY, dateOfDeath: null }, last)).toHaveLength(last);
  });
});

describe('a Universal Credit schedule', () => {
  const futurePeriod: AssessmentPeriod = { start: '2026-11-14', end: '2026-12-13', earningsPence: 0, awardPence: 99999, paymentDate: '2026-12-20' };
  const nilPeriod: AssessmentPeriod = { start: '2026-10-14', end: '2026-11-13', earningsPence: 400000, awardPence: 0, paymentDate: '2026-11-20' };

  it.each<[name: string, award: Award, today: string, dateOfDeath: string | null, next: [string, number] | null, recent: Array<[string, number]>]>([
    [
      'paid on each period\'s payment date; the next period projected at the newest amount',
      ucAward(),
      TODAY,
      null,
      ['2026-12-20', 137041],
      [['2026-11-20', 137041], ['2026-10-20', 127456], ['2026-09-20', 162091]],
    ],
    ['a listed period not yet paid is the next payment', ucAward([futurePeriod, ...UC_PERIODS]), TODAY, null, ['2026-12-20', 99999], [['2026-11-20', 137041], ['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['before the newest payment date', ucAward(), '2026-11-19', null, ['2026-11-20', 137041], [['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['projected past a stale newest period', ucAward(), '2027-02-01', null, ['2027-02-20', 137041], [['2026-11-20', 137041], ['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['a nil award pays nothing, and nothing is projected from it', ucAward([nilPeriod, ...UC_PERIODS.slice(1)]), TODAY, null, null, [['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['a closed claim has nothing due', ucAward(UC_PERIODS, { status: 'ENDED', endDate: '2026-11-13' }), TODAY, null, null, [['2026-11-20', 137041], ['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['nothing paid or due after death', ucAward(), TODAY, '2026-11-10', null, [['2026-10-20', 127456], ['2026-09-20', 162091]]],
    ['a claim with no assessment period yet', ucAward([], { startDate: '2026-11-14' }), TODAY, null, null, []],
    [
      'periods starting on the 31st roll to the month end',
      ucAward([{ start: '2026-10-31', end: '2026-11-29', earningsPence: 0, awardPence: 50000, paymentDate: '2026-12-06' }], {}, 31),
      '2026-12-10',
      null,
      ['2027-01-06', 50000],
      [['2026-12-06', 50000]],
    ],
  ])('%s', (_name, award, today, dateOfDeath, next, recent) => {
    const bounds = { today, dateOfDeath };
    expect(nextPayment(award, bounds)).toEqual(next === null ? null : { date: next[0], amountPence: next[1] });
    expect(recentPayments(award, bounds, 3)).toEqual(recent.map(([date, amountPence]) => ({ date, amountPence })));
  });

  it('lists only as many recent payments as asked', () => {
    expect(recentPayments(ucAward(), { today: TODAY, dateOfDeath: null }, 1)).toEqual([{ date: '2026-11-20', amountPence: 137041 }]);
  });
});
