import { describe, expect, it } from 'vitest';
import { RATES, poundsText, statePensionWeeklyPence, universalCreditAwardPence } from './rates.ts';

describe('2026/27 rates', () => {
  // Every figure of domain.md's rate table, in pence.
  it.each([
    ['UC single under 25 (monthly)', RATES.universalCredit.standardAllowance.singleUnder25, 33858],
    ['UC single 25+ (monthly)', RATES.universalCredit.standardAllowance.single25OrOver, 42490],
    ['UC couple both under 25 (monthly)', RATES.universalCredit.standardAllowance.coupleBothUnder25, 52834],
    ['UC couple one or both 25+ (monthly)', RATES.universalCredit.standardAllowance.coupleOneOrBoth25OrOver, 66697],
    ['new State Pension', RATES.statePension.newFull, 24130],
    ['basic State Pension', RATES.statePension.basicFull, 18490],
    ['Pension Credit single', RATES.pensionCredit.guaranteeSingle, 23800],
    ['Pension Credit couple', RATES.pensionCredit.guaranteeCouple, 36325],
    ['AA lower', RATES.attendanceAllowance.lower, 7670],
    ['AA higher', RATES.attendanceAllowance.higher, 11460],
    ['PIP daily living standard', RATES.pip.dailyLivingStandard, 7670],
    ['PIP daily living enhanced', RATES.pip.dailyLivingEnhanced, 11460],
    ['PIP mobility standard', RATES.pip.mobilityStandard, 3030],
    ['PIP mobility enhanced', RATES.pip.mobilityEnhanced, 8000],
    ["Carer's Allowance", RATES.carersAllowance, 8645],
    ["Carer's Allowance earnings limit", RATES.carersAllowanceEarningsLimit, 20400],
    ['Child Benefit eldest', RATES.childBenefit.eldest, 2705],
    ['Child Benefit others', RATES.childBenefit.other, 1790],
    ['ESA under 25', RATES.esa.under25, 7565],
    ['ESA 25+', RATES.esa.age25OrOver, 9555],
    ['BSP standard lump sum', RATES.bereavementSupport.standard.lumpSum, 250000],
    ['BSP standard monthly', RATES.bereavementSupport.standard.monthly, 10000],
    ['BSP higher lump sum', RATES.bereavementSupport.higher.lumpSum, 350000],
    ['BSP higher monthly', RATES.bereavementSupport.higher.monthly, 35000],
  ])('%s is domain.md’s figure', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['NSP', 35, 24130],
    ['NSP', 40, 24130],
    ['NSP', 20, 13789],
    ['BSP', 30, 18490],
    ['BSP', 15, 9245],
  ] as const)('pays %s for %i qualifying years at %i pence', (scheme, years, pence) => {
    expect(statePensionWeeklyPence(scheme, years)).toBe(pence);
  });

  it.each([
    ['no earnings', 100000, 0, 0, 100000],
    ['earnings inside the work allowance', 100000, 40000, 42700, 100000],
    ['55p in the pound above it', 100000, 62700, 42700, 89000],
    ['never below zero', 50000, 500000, 0, 0],
  ])('tapers UC: %s', (_name, maximum, earnings, workAllowance, award) => {
    expect(universalCreditAwardPence(maximum, earnings, workAllowance)).toBe(award);
  });

  it('writes amounts the legacy way', () => {
    expect(poundsText(23800)).toBe('238.00');
    expect(poundsText(10439)).toBe('104.39');
  });
});
