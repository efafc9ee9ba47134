/**
 * Benefit rates for 2026/27 in pence, as the population pays them. The weekly and UC
 * standard-allowance rates are those of /work/shared/domain.md; the other UC elements and
 * the work allowances are not in that table and are marked (check): child elements and
 * LCW/LCWRA are the published 2026/27 figures, the rest are 2025/26 figures uprated by the
 * 3.8% CPI rise.
 */
export const RATES = {
  universalCredit: {
    /** Monthly. */
    standardAllowance: { singleUnder25: 33858, single25OrOver: 42490, coupleBothUnder25: 52834, coupleOneOrBoth25OrOver: 66697 },
    /** Monthly; the higher amount is for a first child born before 6 April 2017. */
    childFirstBornBeforeApril2017: 35188,
    child: 30394,
    /** Monthly (check: 2025/26 x 1.038). */
    disabledChildLower: 16479,
    disabledChildHigher: 51471,
    /** Monthly. LCWRA has a protected rate for claims before 6 April 2026 and a lower one after. */
    limitedCapabilityForWork: 15876,
    lcwraProtected: 42980,
    lcwraNewClaim: 21726,
    /** Monthly (check: 2025/26 x 1.038). */
    carer: 20934,
    /** Monthly work allowances (check: 2025/26 x 1.038, rounded to the pound). */
    workAllowanceNoHousing: 71000,
    workAllowanceWithHousing: 42700,
    taperPercent: 55,
  },
  statePension: { newFull: 24130, basicFull: 18490, newFullYears: 35, basicFullYears: 30, minimumYears: 10 },
  pensionCredit: { guaranteeSingle: 23800, guaranteeCouple: 36325 },
  attendanceAllowance: { lower: 7670, higher: 11460 },
  pip: { dailyLivingStandard: 7670, dailyLivingEnhanced: 11460, mobilityStandard: 3030, mobilityEnhanced: 8000 },
  /** DLA shares the AA/PIP amounts (2026/27 care lowest 30.30, middle 76.70, highest 114.60). */
  dla: { careLowest: 3030, careMiddle: 7670, careHighest: 11460, mobilityLower: 3030, mobilityHigher: 8000 },
  carersAllowance: 8645,
  carersAllowanceEarningsLimit: 20400,
  childBenefit: { eldest: 2705, other: 1790 },
  esa: { under25: 7565, age25OrOver: 9555 },
  /** Personal allowances (check: not in domain.md's table; the 2026/27 figures match ESA's). */
  jsa: { under25: 7565, age25OrOver: 9555 },
  incomeSupport: { under25: 7565, age25OrOver: 9555 },
  bereavementSupport: { standard: { lumpSum: 250000, monthly: 10000 }, higher: { lumpSum: 350000, monthly: 35000 } },
} as const;

/** The first day of the rates year these amounts are for: an award in payment then was uprated to them that day. */
export const RATES_FROM = '2026-04-06';
/** Claims from this date get the lower LCWRA amount (Universal Credit Act 2025). */
export const LCWRA_CUT_OFF = '2026-04-06';
/** A first child born before this date attracts the higher child element. */
export const HIGHER_CHILD_ELEMENT_BEFORE = '2017-04-06';
/** People reaching State Pension age from this date get the new State Pension. */
export const NEW_STATE_PENSION_FROM = '2016-04-06';
export const STATE_PENSION_AGE = 66;

/** Weekly State Pension for a number of qualifying years, pro rata as the schemes pay it. */
export function statePensionWeeklyPence(scheme: 'NSP' | 'BSP', qualifyingYears: number): number {
  const { newFull, basicFull, newFullYears, basicFullYears } = RATES.statePension;
  const [full, fullYears] = scheme === 'NSP' ? [newFull, newFullYears] : [basicFull, basicFullYears];
  return Math.round((full * Math.min(qualifyingYears, fullYears)) / fullYears);
}

/** Universal Credit after the earnings taper: earnings above any work allowance reduce the award by 55p in the pound. */
export function universalCreditAwardPence(maximumPence: number, earningsPence: number, workAllowancePence: number): number {
  const taper = Math.round((Math.max(0, earningsPence - workAllowancePence) * RATES.universalCredit.taperPercent) / 100);
  return Math.max(0, maximumPence - taper);
}

/** A weekly amount as the legacy text `238.00`. */
export function poundsText(pence: number): string {
  return (pence / 100).toFixed(2);
}
