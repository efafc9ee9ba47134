import { addDays, addMonthsClamped, daysBetween, minDate, onOrAfterWeekday } from '../../../platform/domain/index.ts';
import type { IsoDate } from '../dates.ts';
import type { PayDay } from '../types.ts';

/**
 * When regular benefit payments fall. Benefits here are paid in arrears: the first payment
 * is on the pay day once the first period has passed, then one every period.
 */
export type PayFrequency = '1W' | '2W' | '4W' | '1M';

export interface PaymentTerms {
  start: IsoDate;
  /** The award's last day, if it has ended or will end. */
  end: IsoDate | null;
  frequency: PayFrequency;
  payDay: PayDay;
  /** Payments stop from this date while the award is suspended. */
  suspendedFrom?: IsoDate | null;
}

export type AwardState = 'live' | 'suspended' | 'terminated';

const DAYS: Readonly<Record<Exclude<PayFrequency, '1M'>, number>> = { '1W': 7, '2W': 14, '4W': 28 };

export function awardState(terms: PaymentTerms, asOf: IsoDate): AwardState {
  if (terms.end !== null && terms.end < asOf) return 'terminated';
  if (terms.suspendedFrom && terms.suspendedFrom <= asOf) return 'suspended';
  return 'live';
}

/** The latest payment on or before `asOf` (and before any end or suspension), or null if none was due yet. */
export function lastPaidDate(terms: PaymentTerms, asOf: IsoDate): IsoDate | null {
  let until = asOf;
  if (terms.end !== null) until = minDate(until, terms.end);
  if (terms.suspendedFrom) until = minDate(until, addDays(terms.suspendedFrom, -1));
  if (terms.frequency === '1M') {
    let months = 1;
    let last: IsoDate | null = null;
    for (let due = addMonthsClamped(terms.start, months); due <= until; due = addMonthsClamped(terms.start, ++months)) last = due;
    return last;
  }
  const every = DAYS[terms.frequency];
  const first = onOrAfterWeekday(addDays(terms.start, every), terms.payDay);
  if (first > until) return null;
  const periods = Math.floor(daysBetween(first, until) / every);
  return addDays(first, periods * every);
}
