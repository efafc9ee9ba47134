import type { IsoDate } from '../dates.ts';
import type { CisAward, HabitualResidence, PayDay } from '../types.ts';
import { awardState, lastPaidDate } from './schedule.ts';
import type { PayFrequency } from './schedule.ts';

/**
 * One CIS award summary line (Pension Credit, Carer's Allowance, Child Benefit, BSP): a weekly
 * rate, or for BSP a monthly rate and a lump sum paid when the award starts.
 */
export type CisAwardTerms = {
  benefit: CisAward['benefit'];
  component: CisAward['component'];
  start: IsoDate;
  end: IsoDate | null;
  payFrequency: PayFrequency;
  payDay: PayDay;
  suspendedFrom?: IsoDate | null;
  /** Pension Credit only; default false. */
  childAddition?: boolean;
  /** Pension Credit only; default null. */
  habitualResidence?: HabitualResidence | null;
} & ({ weeklyPence: number } | { monthlyPence: number; lumpSumPence: number });

export function buildCisAward(terms: CisAwardTerms, asOf: IsoDate): CisAward {
  const payment = { start: terms.start, end: terms.end, frequency: terms.payFrequency, payDay: terms.payDay, suspendedFrom: terms.suspendedFrom ?? null };
  const state = awardState(payment, asOf);
  return {
    benefit: terms.benefit,
    status: state === 'live' ? 'LIVE' : state === 'suspended' ? 'SUSP' : 'TERM',
    component: terms.component,
    childAddition: terms.childAddition ?? false,
    habitualResidence: terms.habitualResidence ?? null,
    weeklyPence: 'weeklyPence' in terms ? terms.weeklyPence : null,
    monthlyPence: 'monthlyPence' in terms ? terms.monthlyPence : null,
    lumpSum: 'lumpSumPence' in terms ? { pence: terms.lumpSumPence, paidOn: terms.start <= asOf ? terms.start : null } : null,
    start: terms.start,
    end: terms.end,
    payFrequency: terms.payFrequency,
    payDay: terms.payDay,
    lastPaidDate: lastPaidDate(payment, asOf),
  };
}
