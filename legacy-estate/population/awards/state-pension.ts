import { addYears } from '../../../platform/domain/index.ts';
import type { IsoDate } from '../dates.ts';
import { NEW_STATE_PENSION_FROM, RATES, STATE_PENSION_AGE, statePensionWeeklyPence } from '../rates.ts';
import type { PayDay, StatePensionAward } from '../types.ts';
import { lastPaidDate } from './schedule.ts';

/** State Pension age is 66 for everyone here (a simplification of the real timetable). */
export function statePensionDate(dateOfBirth: IsoDate): IsoDate {
  return addYears(dateOfBirth, STATE_PENSION_AGE);
}

export function hasReachedStatePensionAge(dateOfBirth: IsoDate, on: IsoDate): boolean {
  return statePensionDate(dateOfBirth) <= on;
}

export interface StatePensionTerms {
  dateOfBirth: IsoDate;
  payDay: PayDay;
  qualifyingYears: number;
  deferred: boolean;
}

/** The award for someone past State Pension age; null before it or without the minimum qualifying years. */
export function buildStatePension(terms: StatePensionTerms, asOf: IsoDate): StatePensionAward | null {
  const pensionDate = statePensionDate(terms.dateOfBirth);
  if (pensionDate > asOf || terms.qualifyingYears < RATES.statePension.minimumYears) return null;
  const scheme = pensionDate >= NEW_STATE_PENSION_FROM ? 'NSP' : 'BSP';
  const awardStartDate = terms.deferred ? null : pensionDate;
  return {
    scheme,
    status: terms.deferred ? 'DF' : 'IP',
    weeklyPence: statePensionWeeklyPence(scheme, terms.qualifyingYears),
    qualifyingYears: terms.qualifyingYears,
    statePensionDate: pensionDate,
    awardStartDate,
    endDate: null,
    payDay: terms.payDay,
    lastPaidDate: awardStartDate === null ? null : lastPaidDate({ start: awardStartDate, end: null, frequency: '4W', payDay: terms.payDay }, asOf),
  };
}
