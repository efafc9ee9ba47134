import type { IsoDate } from '../dates.ts';
import type { CisAward, PayDay } from '../types.ts';
import { awardState, lastPaidDate } from './schedule.ts';
import type { PayFrequency } from './schedule.ts';

/** One CIS award summary line (Pension Credit, Carer's Allowance, Child Benefit, ESA, BSP). */
export interface CisAwardTerms {
  benefit: CisAward['benefit'];
  component: CisAward['component'];
  weeklyPence: number;
  start: IsoDate;
  end: IsoDate | null;
  payFrequency: PayFrequency;
  payDay: PayDay;
  suspendedFrom?: IsoDate | null;
}

export function buildCisAward(terms: CisAwardTerms, asOf: IsoDate): CisAward {
  const payment = { start: terms.start, end: terms.end, frequency: terms.payFrequency, payDay: terms.payDay, suspendedFrom: terms.suspendedFrom ?? null };
  const state = awardState(payment, asOf);
  return {
    benefit: terms.benefit,
    status: state === 'live' ? 'LIVE' : state === 'suspended' ? 'SUSP' : 'TERM',
    component: terms.component,
    weeklyPence: terms.weeklyPence,
    start: terms.start,
    end: terms.end,
    payFrequency: terms.payFrequency,
    payDay: terms.payDay,
    lastPaidDate: lastPaidDate(payment, asOf),
  };
}
