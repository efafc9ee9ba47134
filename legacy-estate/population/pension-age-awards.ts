import { addDays, addYears, ageOn, maxDate } from '../../platform/domain/index.ts';
import { buildCisAward } from './awards/cis-award.ts';
import { buildDisabilityAward } from './awards/disability.ts';
import { buildStatePension, hasReachedStatePensionAge, statePensionDate } from './awards/state-pension.ts';
import { dateBetween } from './dates.ts';
import type { IsoDate } from './dates.ts';
import { payDayFromNino } from './nino.ts';
import { relateCarer } from './people.ts';
import type { Rng } from './prng.ts';
import { NEW_STATE_PENSION_FROM, RATES } from './rates.ts';
import type { DisabilityAward, Person } from './types.ts';

/**
 * Awards for people past State Pension age: the State Pension itself, Pension Credit
 * topping a low pension up to the guarantee, and Attendance Allowance.
 */
const PENSION_CREDIT_FROM = '2003-10-06';
const ATTENDANCE_ALLOWANCE_FROM = '1992-04-06';

export interface PensionAgeOptions {
  /** Chance of Attendance Allowance; by default it rises with age. */
  attendanceAllowanceChance?: number;
}

export function assignPensionAgeAwards(rng: Rng, adults: readonly Person[], asOf: IsoDate, options: PensionAgeOptions = {}): void {
  const pensioners = adults.filter((adult) => hasReachedStatePensionAge(adult.dateOfBirth, asOf));
  // Pension Credit needs both partners past pension age; low pensions make it payable.
  const lowIncome = pensioners.length === adults.length && rng.chance(0.25);
  for (const adult of pensioners) {
    const scheme = statePensionDate(adult.dateOfBirth) >= NEW_STATE_PENSION_FROM ? 'NSP' : 'BSP';
    const fullYears = scheme === 'NSP' ? RATES.statePension.newFullYears : RATES.statePension.basicFullYears;
    const qualifyingYears = lowIncome ? rng.int(10, Math.round(fullYears * 0.8)) : rng.chance(0.8) ? fullYears : rng.int(10, fullYears - 1);
    const deferred = !lowIncome && statePensionDate(adult.dateOfBirth) > addYears(asOf, -5) && rng.chance(0.03);
    adult.statePension = buildStatePension({ dateOfBirth: adult.dateOfBirth, payDay: payDayFromNino(adult.nino), qualifyingYears, deferred }, asOf);
  }
  if (lowIncome) givePensionCredit(rng, pensioners, asOf);

  for (const adult of pensioners) {
    const chance = options.attendanceAllowanceChance ?? attendanceAllowanceChance(ageOn(adult.dateOfBirth, asOf));
    const award = rng.chance(chance) ? attendanceAllowance(rng, adult, asOf, null) : null;
    if (award) adult.disabilityAwards.push(award);
  }
  const [first, second] = pensioners;
  if (first && second) {
    // Partners often care for each other; past pension age there is no Carer's Allowance to pay.
    for (const [carer, caredFor] of [[first, second], [second, first]] as const) {
      const award = caredFor.disabilityAwards.find((candidate) => candidate.benefit === 'AA' && candidate.status !== 'T');
      if (award && rng.chance(0.3)) relateCarer(carer, caredFor, award.start);
    }
  }
}

function attendanceAllowanceChance(age: number): number {
  if (age >= 85) return 0.35;
  if (age >= 75) return 0.16;
  return 0.06;
}

/** AA from some date past pension age; for the dead it ends on the date of death. */
export function attendanceAllowance(rng: Rng, person: Person, asOf: IsoDate, diedOn: IsoDate | null): DisabilityAward | null {
  const earliest = maxDate(statePensionDate(person.dateOfBirth), ATTENDANCE_ALLOWANCE_FROM);
  const latest = addDays(diedOn ?? asOf, -60);
  if (earliest > latest) return null;
  return buildDisabilityAward(
    {
      benefit: 'AA',
      careCode: rng.chance(0.55) ? 'AL' : 'AH',
      mobilityCode: null,
      start: dateBetween(rng, earliest, latest),
      end: diedOn,
      payDay: payDayFromNino(person.nino),
      suspendedFrom: diedOn === null && rng.chance(0.02) ? addDays(asOf, -rng.int(7, 40)) : null,
    },
    asOf,
  );
}

/** Days from a Pension Credit claim to its decision, habitual residence included. */
const PENSION_CREDIT_DECISION_DAYS = 8;

function givePensionCredit(rng: Rng, pensioners: readonly Person[], asOf: IsoDate): void {
  const [claimant] = pensioners;
  if (!claimant) return;
  const income = pensioners.reduce((sum, person) => sum + (person.statePension?.weeklyPence ?? 0), 0);
  const guarantee = pensioners.length === 2 ? RATES.pensionCredit.guaranteeCouple : RATES.pensionCredit.guaranteeSingle;
  if (income >= guarantee) return;
  const from = pensioners.reduce((latest, person) => maxDate(latest, statePensionDate(person.dateOfBirth)), PENSION_CREDIT_FROM);
  const latest = addDays(asOf, -30);
  if (from > latest) return;
  const start = dateBetween(rng, from, latest);
  claimant.cisAwards.push(
    buildCisAward(
      {
        benefit: 'PC',
        component: 'GC',
        weeklyPence: guarantee - income,
        start,
        // Pension Credit decides habitual residence when the claim is made, as UC does.
        habitualResidence: { outcome: 'PASSED', decidedOn: addDays(start, PENSION_CREDIT_DECISION_DAYS) },
        end: null,
        payFrequency: '4W',
        payDay: payDayFromNino(claimant.nino),
        suspendedFrom: rng.chance(0.01) ? addDays(asOf, -rng.int(7, 25)) : null,
      },
      asOf,
    ),
  );
}
