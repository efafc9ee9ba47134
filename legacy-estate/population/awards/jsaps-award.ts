import type { IsoDate } from '../dates.ts';
import type { JsapsAward, PayDay } from '../types.ts';
import { awardState, lastPaidDate } from './schedule.ts';

/** One JSAPS award (JSA, ESA or Income Support), paid fortnightly in arrears on the NINO's weekday. */
export interface JsapsAwardTerms {
  benefit: JsapsAward['benefit'];
  basis: JsapsAward['basis'];
  weeklyPence: number;
  start: IsoDate;
  end: IsoDate | null;
  payDay: PayDay;
  suspendedFrom?: IsoDate | null;
}

export function buildJsapsAward(terms: JsapsAwardTerms, asOf: IsoDate): JsapsAward {
  const payment = { start: terms.start, end: terms.end, frequency: '2W' as const, payDay: terms.payDay, suspendedFrom: terms.suspendedFrom ?? null };
  const state = awardState(payment, asOf);
  return {
    benefit: terms.benefit,
    basis: terms.basis,
    status: state === 'live' ? 'A' : state === 'suspended' ? 'S' : 'C',
    weeklyPence: terms.weeklyPence,
    start: terms.start,
    end: terms.end,
    payDay: terms.payDay,
    lastPaidDate: lastPaidDate(payment, asOf),
  };
}
