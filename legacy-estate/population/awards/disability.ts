import type { IsoDate } from '../dates.ts';
import { RATES } from '../rates.ts';
import type { CareCode, DisabilityAward, MobilityCode, PayDay } from '../types.ts';
import { awardState, lastPaidDate } from './schedule.ts';

/** PIP, DLA and Attendance Allowance lines as the disability benefits system holds them. */
const CARE_PENCE: Readonly<Record<CareCode, number>> = {
  DS: RATES.pip.dailyLivingStandard,
  DE: RATES.pip.dailyLivingEnhanced,
  CL: RATES.dla.careLowest,
  CM: RATES.dla.careMiddle,
  CH: RATES.dla.careHighest,
  AL: RATES.attendanceAllowance.lower,
  AH: RATES.attendanceAllowance.higher,
};

const MOBILITY_PENCE: Readonly<Record<MobilityCode, number>> = {
  MS: RATES.pip.mobilityStandard,
  ME: RATES.pip.mobilityEnhanced,
  ML: RATES.dla.mobilityLower,
  MH: RATES.dla.mobilityHigher,
};

export interface DisabilityTerms {
  benefit: DisabilityAward['benefit'];
  careCode: CareCode | null;
  mobilityCode: MobilityCode | null;
  start: IsoDate;
  /** Award end or review date. */
  end: IsoDate | null;
  payDay: PayDay;
  suspendedFrom?: IsoDate | null;
}

export function buildDisabilityAward(terms: DisabilityTerms, asOf: IsoDate): DisabilityAward {
  const payment = { start: terms.start, end: terms.end, frequency: '4W' as const, payDay: terms.payDay, suspendedFrom: terms.suspendedFrom ?? null };
  const state = awardState(payment, asOf);
  return {
    benefit: terms.benefit,
    status: state === 'live' ? 'L' : state === 'suspended' ? 'S' : 'T',
    start: terms.start,
    end: terms.end,
    careCode: terms.careCode,
    carePence: terms.careCode ? CARE_PENCE[terms.careCode] : 0,
    mobilityCode: terms.mobilityCode,
    mobilityPence: terms.mobilityCode ? MOBILITY_PENCE[terms.mobilityCode] : 0,
    lastPaidDate: lastPaidDate(payment, asOf),
    payDay: terms.payDay,
  };
}

/** Care that qualifies a carer for Carer's Allowance: AA, PIP daily living, DLA middle or highest care. */
export function qualifiesForCarer(award: DisabilityAward): boolean {
  return award.status !== 'T' && award.careCode !== null && award.careCode !== 'CL';
}
