import { addDays, addMonthsClamped, calendarMonthsBetween, dateParts } from '../../../platform/domain/index.ts';
import type { IsoDate } from '../dates.ts';
import { HIGHER_CHILD_ELEMENT_BEFORE, LCWRA_CUT_OFF, RATES, universalCreditAwardPence } from '../rates.ts';
import type { AssessmentPeriod, UcElementCode, UniversalCreditClaim } from '../types.ts';

/**
 * A Universal Credit claim: monthly assessment periods from the claim date, the award after
 * the earnings taper, paid seven days after each period ends.
 */
const UC = RATES.universalCredit;
const PERIODS_LISTED = 6;
const PAYMENT_DELAY_DAYS = 7;

export interface UniversalCreditTerms {
  claimId: string;
  startDate: IsoDate;
  /** The last day of the claim's final assessment period, for a closed claim. */
  endDate: IsoDate | null;
  claimantType: 'SINGLE' | 'COUPLE';
  partnerNino: string | null;
  elements: { code: UcElementCode; monthlyPence: number }[];
  /** Earnings (joint for a couple) in the assessment period with this index, 0 being the first. */
  earningsInPeriod(index: number): number;
  habitualResidence: UniversalCreditClaim['habitualResidence'];
  /** Default null: no pregnancy reported. */
  expectedDeliveryDate?: IsoDate | null;
}

export interface ElementCircumstances {
  claimantType: 'SINGLE' | 'COUPLE';
  /** Ages of the claimant(s) on the date the rates apply. */
  adultAges: readonly number[];
  /** Dates of birth of the children, eldest first. */
  childBirthDates: readonly IsoDate[];
  disabledChildren: readonly ('lower' | 'higher')[];
  capability: 'LCW' | 'LCWRA' | null;
  carer: boolean;
  housingPence: number;
  childcarePence: number;
  startDate: IsoDate;
}

export function elementsFor(circumstances: ElementCircumstances): UniversalCreditTerms['elements'] {
  const { standardAllowance } = UC;
  const anyoneOver25 = circumstances.adultAges.some((age) => age >= 25);
  const standard =
    circumstances.claimantType === 'SINGLE'
      ? anyoneOver25 ? standardAllowance.single25OrOver : standardAllowance.singleUnder25
      : anyoneOver25 ? standardAllowance.coupleOneOrBoth25OrOver : standardAllowance.coupleBothUnder25;
  const elements: UniversalCreditTerms['elements'] = [{ code: 'STANDARD_ALLOWANCE', monthlyPence: standard }];
  circumstances.childBirthDates.forEach((birth, index) => {
    const higher = index === 0 && birth < HIGHER_CHILD_ELEMENT_BEFORE;
    elements.push({ code: 'CHILD', monthlyPence: higher ? UC.childFirstBornBeforeApril2017 : UC.child });
  });
  for (const rate of circumstances.disabledChildren) {
    elements.push({ code: 'DISABLED_CHILD', monthlyPence: rate === 'higher' ? UC.disabledChildHigher : UC.disabledChildLower });
  }
  if (circumstances.capability === 'LCW') elements.push({ code: 'LCW', monthlyPence: UC.limitedCapabilityForWork });
  if (circumstances.capability === 'LCWRA') {
    elements.push({ code: 'LCWRA', monthlyPence: circumstances.startDate < LCWRA_CUT_OFF ? UC.lcwraProtected : UC.lcwraNewClaim });
  }
  if (circumstances.carer) elements.push({ code: 'CARER', monthlyPence: UC.carer });
  if (circumstances.housingPence > 0) elements.push({ code: 'HOUSING', monthlyPence: circumstances.housingPence });
  if (circumstances.childcarePence > 0) elements.push({ code: 'CHILDCARE', monthlyPence: circumstances.childcarePence });
  return elements;
}

/** A work allowance applies with a child or limited capability for work; it is lower when UC pays housing costs. */
export function workAllowanceFor(elements: UniversalCreditTerms['elements']): number {
  const codes = new Set(elements.map((element) => element.code));
  if (!codes.has('CHILD') && !codes.has('LCW') && !codes.has('LCWRA')) return 0;
  return codes.has('HOUSING') ? UC.workAllowanceWithHousing : UC.workAllowanceNoHousing;
}

export function buildUniversalCredit(terms: UniversalCreditTerms, asOf: IsoDate): UniversalCreditClaim {
  const maximum = terms.elements.reduce((sum, element) => sum + element.monthlyPence, 0);
  const workAllowance = workAllowanceFor(terms.elements);
  const lastDay = terms.endDate !== null && terms.endDate < asOf ? terms.endDate : addDays(asOf, -1);
  const ended: { index: number; start: IsoDate; end: IsoDate }[] = [];
  // Start a little before the last period that could have ended, not at the claim's first.
  const firstCandidate = Math.max(0, calendarMonthsBetween(terms.startDate, lastDay) - PERIODS_LISTED - 2);
  for (let index = firstCandidate; ; index++) {
    const start = addMonthsClamped(terms.startDate, index);
    const end = addDays(addMonthsClamped(terms.startDate, index + 1), -1);
    if (end > lastDay) break;
    ended.push({ index, start, end });
  }
  const listed = ended.slice(-PERIODS_LISTED).reverse().map(({ index, start, end }): AssessmentPeriod => {
    const earningsPence = terms.earningsInPeriod(index);
    return { start, end, earningsPence, awardPence: universalCreditAwardPence(maximum, earningsPence, workAllowance), paymentDate: addDays(end, PAYMENT_DELAY_DAYS) };
  });
  return {
    claimId: terms.claimId,
    status: terms.endDate !== null && terms.endDate < asOf ? 'CLOSED' : 'OPEN',
    startDate: terms.startDate,
    endDate: terms.endDate,
    assessmentPeriodStartDay: dateParts(terms.startDate).day,
    claimantType: terms.claimantType,
    partnerNino: terms.partnerNino,
    elements: terms.elements,
    assessmentPeriods: listed,
    habitualResidence: terms.habitualResidence,
    expectedDeliveryDate: terms.expectedDeliveryDate ?? null,
  };
}
