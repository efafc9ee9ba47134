import { addDays, addMonthsClamped, addYears, ageOn, maxDate, minDate } from '../../platform/domain/index.ts';
import { buildCisAward } from './awards/cis-award.ts';
import { buildJsapsAward } from './awards/jsaps-award.ts';
import { buildDisabilityAward, qualifiesForCarer } from './awards/disability.ts';
import { hasReachedStatePensionAge } from './awards/state-pension.ts';
import { buildUniversalCredit, elementsFor } from './awards/universal-credit.ts';
import { dateBetween } from './dates.ts';
import type { IsoDate } from './dates.ts';
import type { GenerationContext } from './demography.ts';
import { payDayFromNino } from './nino.ts';
import { relateCarer } from './people.ts';
import { createRng } from './prng.ts';
import type { Rng } from './prng.ts';
import { RATES } from './rates.ts';
import type { CareCode, DisabilityAward, MobilityCode, Person, UniversalCreditClaim } from './types.ts';

/**
 * Awards for a working-age household: PIP, DLA for children, Universal Credit, Carer's
 * Allowance, Child Benefit, ESA and the legacy income-based JSA and Income Support, with the take-up and combinations the real caseload
 * shows (roughly), and every amount at the 2026/27 rates.
 */
export interface WorkingAgeHousehold {
  /** Living adults under State Pension age: one, or a couple. */
  adults: readonly Person[];
  children: readonly Person[];
  /** When the household formed; a couple's joint claim can't start before it. */
  formed: IsoDate;
  /** Fixes the UC claim id; unique per generated household. */
  householdSerial: number;
}

/** Someone outside the household this adult cares for (an elderly parent, say). */
export interface CaringArrangement {
  carer: Person;
  caredFor: Person;
  since: IsoDate;
}

const PIP_INTRODUCED = '2013-04-08';
const UC_CLAIMS_FROM = '2018-01-01';
/** Pregnancies are generated for women under this age... */
const CHILDBEARING_AGE_LIMIT = 45;
/** ...due at most 40 weeks ahead. */
const PREGNANCY_DAYS = 280;

export function assignWorkingAgeAwards(
  context: GenerationContext,
  rng: Rng,
  household: WorkingAgeHousehold,
  externalCaring: readonly CaringArrangement[] = [],
): void {
  const { asOf } = context;
  for (const adult of household.adults) {
    const pip = rng.chance(0.12) ? livePip(rng, adult, asOf) : rng.chance(0.03) ? endedPip(rng, adult, asOf) : null;
    if (pip) adult.disabilityAwards.push(pip);
  }
  for (const child of household.children) {
    const dla = ageOn(child.dateOfBirth, asOf) < 16 && rng.chance(0.06) ? childDla(rng, child, asOf) : null;
    if (dla) child.disabilityAwards.push(dla);
  }

  const capability = new Map(household.adults.map((adult) => [adult, workCapability(rng, adult)]));
  const caring = [...externalCaring, ...caringWithinHousehold(rng, household, capability)];
  for (const arrangement of caring) relateCarer(arrangement.carer, arrangement.caredFor, arrangement.since);

  const claim = universalCredit(context, rng, household, capability, caring);
  for (const adult of household.adults) {
    if (claim) adult.universalCredit = claim(adult);
    const onUniversalCredit = adult.universalCredit?.status === 'OPEN';
    const cares = caring.find((arrangement) => arrangement.carer === adult);
    // A carer on UC gets the carer element instead: Carer's Allowance would be deducted from UC in full.
    if (cares && !onUniversalCredit) adult.cisAwards.push(carersAllowance(rng, adult, cares.since, asOf));
    const esa = employmentAndSupport(rng, adult, capability.get(adult) ?? null, asOf);
    if (esa) adult.jsapsAwards.push(esa);
    const legacyIncomeBenefit = onUniversalCredit || esa ? null : incomeBasedJsaOrIncomeSupport(rng, adult, household.children.length > 0, asOf);
    if (legacyIncomeBenefit) adult.jsapsAwards.push(legacyIncomeBenefit);
  }
  if (household.children.length > 0 && rng.chance(0.92)) giveChildBenefit(rng, household, asOf);
}

function pipComponents(rng: Rng): { careCode: CareCode | null; mobilityCode: MobilityCode | null } {
  const careCode = rng.weighted<CareCode | null>([[null, 25], ['DS', 40], ['DE', 35]]);
  const mobilityCode = rng.weighted<MobilityCode | null>([[null, 30], ['MS', 35], ['ME', 35]]);
  return careCode === null && mobilityCode === null ? { careCode: 'DS', mobilityCode } : { careCode, mobilityCode };
}

function livePip(rng: Rng, adult: Person, asOf: IsoDate): DisabilityAward | null {
  const earliest = maxDate(PIP_INTRODUCED, addYears(adult.dateOfBirth, 16));
  const latest = addDays(asOf, -60);
  if (earliest > latest) return null;
  const start = dateBetween(rng, earliest, latest);
  let review = addYears(start, rng.int(2, 10));
  if (review <= asOf) review = addDays(asOf, rng.int(30, 1500));
  const suspendedFrom = rng.chance(0.02) ? maxDate(addDays(start, 60), addDays(asOf, -rng.int(7, 50))) : null;
  return buildDisabilityAward({ benefit: 'PIP', ...pipComponents(rng), start, end: review, payDay: payDayFromNino(adult.nino), suspendedFrom }, asOf);
}

/** An award that ended at review, kept on the system as terminated. */
function endedPip(rng: Rng, adult: Person, asOf: IsoDate): DisabilityAward | null {
  const earliest = maxDate(PIP_INTRODUCED, addYears(adult.dateOfBirth, 16));
  const latest = addYears(asOf, -3);
  if (earliest > latest) return null;
  const start = dateBetween(rng, earliest, latest);
  const end = minDate(addYears(start, rng.int(1, 3)), addDays(asOf, -30));
  return buildDisabilityAward({ benefit: 'PIP', ...pipComponents(rng), start, end, payDay: payDayFromNino(adult.nino) }, asOf);
}

function childDla(rng: Rng, child: Person, asOf: IsoDate): DisabilityAward | null {
  const earliest = addDays(child.dateOfBirth, 90);
  const latest = addDays(asOf, -60);
  if (earliest > latest) return null;
  const age = ageOn(child.dateOfBirth, asOf);
  let careCode = rng.weighted<CareCode | null>([[null, 25], ['CL', 25], ['CM', 30], ['CH', 20]]);
  // Higher-rate mobility from age 3, lower rate from 5.
  const mobilityCode = age >= 3 && rng.chance(0.25) ? 'MH' : age >= 5 && rng.chance(0.25) ? 'ML' : null;
  if (careCode === null && mobilityCode === null) careCode = 'CM';
  return buildDisabilityAward(
    { benefit: 'DLA', careCode, mobilityCode, start: dateBetween(rng, earliest, latest), end: addYears(child.dateOfBirth, 16), payDay: payDayFromNino(child.nino) },
    asOf,
  );
}

function workCapability(rng: Rng, adult: Person): 'LCW' | 'LCWRA' | null {
  const hasPip = adult.disabilityAwards.some((award) => award.benefit === 'PIP' && award.status !== 'T');
  return hasPip
    ? rng.weighted<'LCW' | 'LCWRA' | null>([['LCWRA', 50], ['LCW', 15], [null, 35]])
    : rng.weighted<'LCW' | 'LCWRA' | null>([['LCWRA', 4], ['LCW', 4], [null, 92]]);
}

function qualifyingCare(person: Person): DisabilityAward | undefined {
  return person.disabilityAwards.find(qualifiesForCarer);
}

/** A partner cares for a partner on PIP daily living, a parent for a child on DLA middle or highest care. */
function caringWithinHousehold(
  rng: Rng,
  household: WorkingAgeHousehold,
  capability: ReadonlyMap<Person, 'LCW' | 'LCWRA' | null>,
): CaringArrangement[] {
  const arrangements: CaringArrangement[] = [];
  const available = (person: Person) => capability.get(person) === null && !arrangements.some((arrangement) => arrangement.carer === person);
  const [first, second] = household.adults;
  if (first && second) {
    for (const [carer, caredFor] of [[first, second], [second, first]] as const) {
      const award = qualifyingCare(caredFor);
      if (award && available(carer) && rng.chance(0.45)) arrangements.push({ carer, caredFor, since: maxDate(award.start, household.formed) });
    }
  }
  const parents = [...household.adults].sort((a, b) => (a.sex === b.sex ? 0 : a.sex === 'F' ? -1 : 1));
  for (const child of household.children) {
    const award = qualifyingCare(child);
    const carer = parents.find(available);
    if (award && carer && rng.chance(0.65)) arrangements.push({ carer, caredFor: child, since: award.start });
  }
  return arrangements;
}

function universalCredit(
  context: GenerationContext,
  rng: Rng,
  household: WorkingAgeHousehold,
  capability: ReadonlyMap<Person, 'LCW' | 'LCWRA' | null>,
  caring: readonly CaringArrangement[],
): ((adult: Person) => UniversalCreditClaim) | null {
  const { asOf } = context;
  const { adults, children } = household;
  const couple = adults.length === 2;
  if (adults.some((adult) => ageOn(adult.dateOfBirth, asOf) < 18 || hasReachedStatePensionAge(adult.dateOfBirth, asOf))) return null;
  const disabled = adults.some((adult) => capability.get(adult) !== null || adult.disabilityAwards.some((award) => award.benefit === 'PIP' && award.status !== 'T'));
  const base = couple ? (children.length > 0 ? 0.3 : 0.1) : children.length > 0 ? 0.6 : 0.22;
  if (!rng.chance(Math.min(0.9, base + (disabled ? 0.3 : 0)))) return null;

  let earliest = UC_CLAIMS_FROM;
  for (const adult of adults) earliest = maxDate(earliest, addYears(adult.dateOfBirth, 18));
  if (couple) earliest = maxDate(earliest, household.formed);
  const latest = addDays(asOf, -45);
  if (earliest > latest) return null;
  const startDate = dateBetween(rng, earliest, latest);

  const outcome = rng.weighted<UniversalCreditClaim['habitualResidence']['outcome']>([['PASSED', 88], ['NOT_ASSESSED', 10], ['FAILED', 2]]);
  const habitualResidence = { outcome, decidedOn: outcome === 'NOT_ASSESSED' ? null : addDays(startDate, rng.int(2, 20)) };
  let endDate: IsoDate | null = null;
  // Failing the habitual residence test ends the claim before any payment.
  if (outcome === 'FAILED') endDate = addDays(startDate, 25);
  else if (rng.chance(0.07)) {
    const lastPeriod = rng.int(2, 40);
    const candidate = addDays(addMonthsClamped(startDate, lastPeriod), -1);
    if (candidate < addDays(asOf, -30)) endDate = candidate;
  }

  // A pregnancy reported on an open claim, due within the next 40 weeks.
  const mayBePregnant = endDate === null && adults.some((adult) => adult.sex === 'F' && ageOn(adult.dateOfBirth, asOf) < CHILDBEARING_AGE_LIMIT);
  const expectedDeliveryDate = mayBePregnant && rng.chance(0.04) ? addDays(asOf, rng.int(1, PREGNANCY_DAYS)) : null;

  const childrenByAge = [...children].sort((a, b) => (a.dateOfBirth < b.dateOfBirth ? -1 : 1));
  const youngChild = children.some((child) => ageOn(child.dateOfBirth, asOf) < 12);
  const elements = elementsFor({
    claimantType: couple ? 'COUPLE' : 'SINGLE',
    adultAges: adults.map((adult) => ageOn(adult.dateOfBirth, asOf)),
    childBirthDates: childrenByAge.map((child) => child.dateOfBirth),
    disabledChildren: childrenByAge.flatMap((child) => {
      const dla = child.disabilityAwards.find((award) => award.benefit === 'DLA' && award.status !== 'T');
      return dla ? [dla.careCode === 'CH' ? 'higher' : 'lower'] : [];
    }),
    capability: adults.map((adult) => capability.get(adult) ?? null).find((value) => value !== null) ?? null,
    carer: caring.some((arrangement) => adults.includes(arrangement.carer)),
    housingPence: rng.chance(0.55) ? rng.int(350, 1100) * 100 : 0,
    childcarePence: youngChild && rng.chance(0.08) ? Math.round(rng.int(150, 600) * 100 * 0.85) : 0,
    startDate,
  });

  const monthlyEarnings = adults.map((adult) => {
    if (capability.get(adult) === 'LCWRA' && rng.chance(0.9)) return 0;
    return rng.chance(0.4) ? 0 : rng.int(250, 2200) * 100;
  });
  // A bijection on 0..9e9, so generated claim ids never repeat and never reach the showcase's 9xxxxxxxxx.
  const claimNumber = (household.householdSerial * 7_919 + 1_234_567) % 9_000_000_000;
  const earningsInPeriod = (index: number) =>
    monthlyEarnings.reduce((sum, base, adultIndex) => {
      if (base === 0) return sum;
      const month = createRng(context.seed, claimNumber, index, adultIndex);
      return month.chance(0.12) ? sum : sum + Math.round(base * (0.75 + month.next() * 0.5));
    }, 0);

  const claimId = `UC${String(claimNumber).padStart(10, '0')}`;
  return (adult) => {
    const partner = adults.find((other) => other !== adult);
    return buildUniversalCredit(
      { claimId, startDate, endDate, claimantType: couple ? 'COUPLE' : 'SINGLE', partnerNino: partner?.nino ?? null, elements, earningsInPeriod, habitualResidence, expectedDeliveryDate },
      asOf,
    );
  };
}

function carersAllowance(rng: Rng, carer: Person, since: IsoDate, asOf: IsoDate) {
  const start = minDate(addDays(maxDate(since, addYears(carer.dateOfBirth, 16)), rng.int(0, 120)), addDays(asOf, -14));
  return buildCisAward(
    { benefit: 'CA', component: null, weeklyPence: RATES.carersAllowance, start, end: null, payFrequency: rng.chance(0.5) ? '1W' : '4W', payDay: payDayFromNino(carer.nino) },
    asOf,
  );
}

function employmentAndSupport(rng: Rng, adult: Person, capability: 'LCW' | 'LCWRA' | null, asOf: IsoDate) {
  const claim = adult.universalCredit;
  const earliest = addYears(adult.dateOfBirth, 18);
  const weeklyPence = ageOn(adult.dateOfBirth, asOf) < 25 ? RATES.esa.under25 : RATES.esa.age25OrOver;
  if (claim && capability && rng.chance(0.3)) {
    // Income-related ESA ended when the claimant moved to UC (managed migration).
    const end = addDays(claim.startDate, -1);
    const start = addYears(end, -rng.int(1, 6));
    if (start < earliest) return null;
    return buildJsapsAward({ benefit: 'ESA', basis: 'IR', weeklyPence, start, end, payDay: payDayFromNino(adult.nino) }, asOf);
  }
  if (claim?.status === 'OPEN' || !rng.chance(capability ? 0.35 : 0.015)) return null;
  const latest = addDays(asOf, -30);
  const from = maxDate(earliest, addDays(asOf, -700));
  if (from > latest) return null;
  return buildJsapsAward({ benefit: 'ESA', basis: 'CB', weeklyPence, start: dateBetween(rng, from, latest), end: null, payDay: payDayFromNino(adult.nino) }, asOf);
}

/**
 * The legacy income-related benefits managed migration has not yet moved to UC: income-based
 * JSA for a jobseeker, Income Support mostly for a lone parent; rare, as in 2026.
 */
function incomeBasedJsaOrIncomeSupport(rng: Rng, adult: Person, hasChildren: boolean, asOf: IsoDate) {
  const benefit = rng.weighted<'JSA' | 'IS' | null>([['JSA', 1], ['IS', hasChildren ? 2 : 0], [null, 97]]);
  const earliest = addYears(adult.dateOfBirth, 18);
  const latest = minDate(UC_CLAIMS_FROM, addDays(asOf, -30));
  if (benefit === null || earliest > latest) return null;
  const rates = benefit === 'JSA' ? RATES.jsa : RATES.incomeSupport;
  return buildJsapsAward(
    {
      benefit,
      basis: benefit === 'JSA' ? 'IB' : null,
      weeklyPence: ageOn(adult.dateOfBirth, asOf) < 25 ? rates.under25 : rates.age25OrOver,
      start: dateBetween(rng, earliest, latest),
      end: null,
      payDay: payDayFromNino(adult.nino),
    },
    asOf,
  );
}

/** Paid to the mother where there is one; the eldest child at the higher rate. */
function giveChildBenefit(rng: Rng, household: WorkingAgeHousehold, asOf: IsoDate): void {
  const claimant = household.adults.find((adult) => adult.sex === 'F') ?? household.adults[0];
  if (!claimant) return;
  const payDay = rng.chance(0.5) ? 1 : 2;
  [...household.children]
    .sort((a, b) => (a.dateOfBirth < b.dateOfBirth ? -1 : 1))
    .forEach((child, index) => {
      const start = minDate(addDays(child.dateOfBirth, rng.int(10, 60)), asOf);
      const eldest = index === 0;
      claimant.cisAwards.push(
        buildCisAward(
          { benefit: 'CHB', component: eldest ? 'EL' : 'OT', weeklyPence: eldest ? RATES.childBenefit.eldest : RATES.childBenefit.other, start, end: null, payFrequency: '4W', payDay },
          asOf,
        ),
      );
    });
}
