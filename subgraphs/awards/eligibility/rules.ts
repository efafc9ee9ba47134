import { addDays, ageOn } from '../../../platform/domain/index.ts';
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

/** Income Support or income-based JSA in payment. */
function hasIncomeSupportOrIncomeBasedJsa(awards: readonly Award[], today: string): boolean {
  return awardsInPayment(awards, 'INCOME_SUPPORT', today).length > 0 || hasBenefitWithComponent(awards, 'JOBSEEKERS_ALLOWANCE', 'INCOME_BASED', today);
}

/** Income Support, income-based JSA or income-related ESA in payment: the legacy income-related benefits. */
function hasLegacyIncomeBenefit(awards: readonly Award[], today: string): boolean {
  return (
    hasIncomeSupportOrIncomeBasedJsa(awards, today) ||
    hasBenefitWithComponent(awards, 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE', 'INCOME_RELATED', today)
  );
}

/** Pension Credit guarantee credit or a legacy income-related benefit: passports to prescriptions and school meals. */
function hasIncomeRelatedPassport(awards: readonly Award[], today: string): boolean {
  return hasBenefitWithComponent(awards, 'PENSION_CREDIT', 'GUARANTEE_CREDIT', today) || hasLegacyIncomeBenefit(awards, today);
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

/** The household facts Healthy Start needs from CIS: the applicant's date of birth and their children's. */
export interface HealthyStartHousehold {
  /** Null when CIS does not hold the applicant. */
  readonly dateOfBirth: string | null;
  readonly childrenBirthDates: readonly string[];
}

/** Healthy Start: pregnant for at least this many weeks... */
export const HEALTHY_START_MIN_PREGNANCY_WEEKS = 10;
/** ...or a child younger than this. */
export const HEALTHY_START_CHILD_AGE_LIMIT = 4;
/** An applicant younger than this qualifies in pregnancy whatever her benefits. */
export const HEALTHY_START_YOUNG_MOTHER_AGE_LIMIT = 18;
/** An expected date of delivery is this many weeks after the pregnancy is dated from. */
const PREGNANCY_WEEKS = 40;

/**
 * At least 10 weeks pregnant today, by the expected date of delivery the claimant reported to
 * UC (the only place the department records a pregnancy), until that date has passed.
 */
export function isPregnantForHealthyStart(awards: readonly Award[], today: string): boolean {
  const qualifiesFrom = (due: string) => addDays(due, -(PREGNANCY_WEEKS - HEALTHY_START_MIN_PREGNANCY_WEEKS) * 7);
  return awards.some((award) => award.expectedDeliveryDate !== null && qualifiesFrom(award.expectedDeliveryDate) <= today && today <= award.expectedDeliveryDate);
}

/**
 * Healthy Start (England): at least 10 weeks pregnant or a child under 4, and a qualifying
 * benefit: UC with family take-home pay of at most £408 a month (UC's recorded earnings in the
 * latest assessment period stand in for it), Income Support, income-based JSA, Pension Credit
 * with the child addition, or income-related ESA in pregnancy only. A pregnant applicant
 * under 18 qualifies whatever her benefits.
 */
export function healthyStart(awards: readonly Award[], household: HealthyStartHousehold, today: string): boolean {
  const pregnant = isPregnantForHealthyStart(awards, today);
  if (pregnant && household.dateOfBirth !== null && ageOn(household.dateOfBirth, today) < HEALTHY_START_YOUNG_MOTHER_AGE_LIMIT) return true;
  const youngChild = household.childrenBirthDates.some((born) => born <= today && ageOn(born, today) < HEALTHY_START_CHILD_AGE_LIMIT);
  if (!pregnant && !youngChild) return false;
  const universalCredit = awardsInPayment(awards, 'UNIVERSAL_CREDIT', today).some((award) => {
    const latest = completedPeriods(award, today)[0];
    return latest !== undefined && latest.earningsPence <= HEALTHY_START_TAKE_HOME_LIMIT_PENCE;
  });
  return (
    universalCredit ||
    hasIncomeSupportOrIncomeBasedJsa(awards, today) ||
    hasBenefitWithComponent(awards, 'PENSION_CREDIT', 'CHILD_ADDITION', today) ||
    (pregnant && hasBenefitWithComponent(awards, 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE', 'INCOME_RELATED', today))
  );
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
 * The newest habitual-residence determination on any Universal Credit or Pension Credit claim,
 * live or not (a determination stays true after the claim closes).
 */
export function rightToReside(awards: readonly Award[]): RightToResideAnswer {
  const determinations = awards
    .flatMap(({ benefit, habitualResidence }) =>
      habitualResidence && habitualResidence.outcome !== 'NOT_ASSESSED' ? [{ benefit, outcome: habitualResidence.outcome, decidedOn: habitualResidence.decidedOn }] : [],
    )
    .sort((a, b) => ((a.decidedOn ?? '') < (b.decidedOn ?? '') ? 1 : -1));
  return determinations[0] ?? { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null };
}
