import type { AssessmentPeriod, Award, Benefit, ComponentKind, HabitualResidenceOutcome } from '../domain.ts';

/**
 * The partner eligibility rules (England), pure: awards and today's date in, a yes/no (or a
 * level) out. Thresholds are integer pence, compared inclusively: exactly £435.00 passes.
 * Only awards in payment today count; a suspended or ended award qualifies for nothing.
 */

/** NHS prescriptions: UC earnings in the latest assessment period. */
export const PRESCRIPTION_EARNINGS_LIMIT_PENCE = 43_500;
/** ...raised when the award has a child element or limited capability for work. */
export const PRESCRIPTION_HIGHER_EARNINGS_LIMIT_PENCE = 93_500;
/** Free school meals: £7,400 a year, tested over the latest one, two or three assessment periods. */
export const FREE_SCHOOL_MEALS_EARNINGS_LIMITS_PENCE = [61_667, 123_334, 185_000] as const;
/** Healthy Start: family take-home pay a month. */
export const HEALTHY_START_TAKE_HOME_LIMIT_PENCE = 40_800;

const CHILD_ELEMENTS: ReadonlySet<ComponentKind> = new Set(['CHILD', 'DISABLED_CHILD']);
const WORK_CAPABILITY_ELEMENTS: ReadonlySet<ComponentKind> = new Set(['LIMITED_CAPABILITY_FOR_WORK', 'LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY']);

export function isInPayment(award: Award, today: string): boolean {
  return award.status === 'LIVE' && (award.startDate === null || award.startDate <= today) && (award.endDate === null || award.endDate >= today);
}

function awardsInPayment(awards: readonly Award[], benefit: Benefit, today: string): Award[] {
  return awards.filter((award) => award.benefit === benefit && isInPayment(award, today));
}

function hasComponent(award: Award, kinds: ReadonlySet<ComponentKind>): boolean {
  return award.components.some((component) => kinds.has(component.kind));
}

function hasBenefitWithComponent(awards: readonly Award[], benefit: Benefit, kind: ComponentKind, today: string): boolean {
  return awardsInPayment(awards, benefit, today).some((award) => award.components.some((component) => component.kind === kind));
}

/** Assessment periods that have ended by today, newest first: earnings are known only once a period is over. */
export function completedPeriods(award: Award, today: string): AssessmentPeriod[] {
  if (award.pattern.kind !== 'ASSESSMENT_PERIODS') return [];
  return award.pattern.periods.filter((period) => period.end < today).sort((a, b) => (a.end < b.end ? 1 : -1));
}

/** Pension Credit guarantee credit or income-related ESA: passports to prescriptions and school meals. */
function hasIncomeRelatedPassport(awards: readonly Award[], today: string): boolean {
  return hasBenefitWithComponent(awards, 'PENSION_CREDIT', 'GUARANTEE_CREDIT', today) || hasBenefitWithComponent(awards, 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE', 'INCOME_RELATED', today);
}

export function prescriptionExemption(awards: readonly Award[], today: string): boolean {
  const universalCredit = awardsInPayment(awards, 'UNIVERSAL_CREDIT', today).some((award) => {
    const latest = completedPeriods(award, today)[0];
    if (latest === undefined) return false;
    const higherLimit = hasComponent(award, CHILD_ELEMENTS) || hasComponent(award, WORK_CAPABILITY_ELEMENTS);
    return latest.earningsPence <= (higherLimit ? PRESCRIPTION_HIGHER_EARNINGS_LIMIT_PENCE : PRESCRIPTION_EARNINGS_LIMIT_PENCE);
  });
  return universalCredit || hasIncomeRelatedPassport(awards, today);
}

/**
 * Free school meals. From September 2026 every household on Universal Credit is to qualify in
 * England; the regulations giving effect to that still need confirming, so the earnings test
 * stays until they are (then the UC branch becomes "UC in payment").
 */
export function freeSchoolMeals(awards: readonly Award[], today: string): boolean {
  const universalCredit = awardsInPayment(awards, 'UNIVERSAL_CREDIT', today).some((award) => {
    const periods = completedPeriods(award, today);
    return FREE_SCHOOL_MEALS_EARNINGS_LIMITS_PENCE.some((limit, index) => {
      const window = periods.slice(0, index + 1);
      return window.length === index + 1 && window.reduce((sum, period) => sum + period.earningsPence, 0) <= limit;
    });
  });
  return universalCredit || hasIncomeRelatedPassport(awards, today);
}

/**
 * Healthy Start, benefit test only. Awards say nothing of pregnancy or the ages of children,
 * so the UC child element stands in for "has a child" and the NHS checks the rest. UC's
 * recorded earnings in the latest assessment period stand in for family take-home pay.
 * Pension Credit qualifies only with a child addition, which CIS does not record, so any
 * Pension Credit award is answered yes.
 */
export function healthyStart(awards: readonly Award[], today: string): boolean {
  const universalCredit = awardsInPayment(awards, 'UNIVERSAL_CREDIT', today).some((award) => {
    const latest = completedPeriods(award, today)[0];
    return latest !== undefined && hasComponent(award, CHILD_ELEMENTS) && latest.earningsPence <= HEALTHY_START_TAKE_HOME_LIMIT_PENCE;
  });
  return universalCredit || awardsInPayment(awards, 'PENSION_CREDIT', today).length > 0;
}

export type VehicleTaxExemptionLevel = 'FULL' | 'HALF' | 'NONE';

/** DLA higher mobility or PIP enhanced mobility exempts; PIP standard mobility halves; DLA lower mobility gives nothing. */
export function vehicleTaxExemption(awards: readonly Award[], today: string): VehicleTaxExemptionLevel {
  const mobility = [...awardsInPayment(awards, 'DISABILITY_LIVING_ALLOWANCE', today), ...awardsInPayment(awards, 'PERSONAL_INDEPENDENCE_PAYMENT', today)].flatMap((award) =>
    award.components.filter((component) => component.kind === 'MOBILITY').map((component) => ({ benefit: award.benefit, rate: component.rate })),
  );
  const full = mobility.some(
    (m) => (m.benefit === 'DISABILITY_LIVING_ALLOWANCE' && m.rate === 'HIGHER') || (m.benefit === 'PERSONAL_INDEPENDENCE_PAYMENT' && m.rate === 'ENHANCED'),
  );
  if (full) return 'FULL';
  return mobility.some((m) => m.benefit === 'PERSONAL_INDEPENDENCE_PAYMENT' && m.rate === 'STANDARD') ? 'HALF' : 'NONE';
}

/** Tax-Free Childcare excludes a parent while Universal Credit is in payment. */
export function universalCreditInPayment(awards: readonly Award[], today: string): boolean {
  return awardsInPayment(awards, 'UNIVERSAL_CREDIT', today).length > 0;
}

export interface RightToResideAnswer {
  readonly outcome: HabitualResidenceOutcome;
  readonly benefit: Benefit | null;
  readonly decidedOn: string | null;
}

/**
 * The newest habitual-residence determination on any Universal Credit claim, live or not
 * (a determination stays true after the claim closes). Only UC records one.
 */
export function rightToReside(awards: readonly Award[]): RightToResideAnswer {
  const determinations = awards
    .flatMap(({ benefit, habitualResidence }) =>
      habitualResidence && habitualResidence.outcome !== 'NOT_ASSESSED' ? [{ benefit, outcome: habitualResidence.outcome, decidedOn: habitualResidence.decidedOn }] : [],
    )
    .sort((a, b) => ((a.decidedOn ?? '') < (b.decidedOn ?? '') ? 1 : -1));
  return determinations[0] ?? { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null };
}
