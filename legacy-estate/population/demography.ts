import { addDays, addYears, ageOn, daysBetween, maxDate } from '../../platform/domain/index.ts';
import type { HomeAllocator } from './addresses.ts';
import { email, landline, mobile } from './contact.ts';
import { dateBetween } from './dates.ts';
import type { IsoDate } from './dates.ts';
import { chooseForenames } from './names.ts';
import type { NameGroup } from './names.ts';
import type { NinoAllocator } from './nino.ts';
import { createPerson, moveIn } from './people.ts';
import type { Rng } from './prng.ts';
import type { Address, Person, Title } from './types.ts';

/** Who people are and where they have lived; awards are added afterwards. */
export interface GenerationContext {
  seed: number;
  asOf: IsoDate;
  ninos: NinoAllocator;
  homes: HomeAllocator;
  /** Serial number of the next generated person (it fixes their NINO). */
  nextPersonSerial(): number;
  /** Serial number of the next generated household (it fixes their home). */
  nextHouseholdSerial(): number;
}

/** What everyone in one home shares. */
export interface HouseholdSetting {
  householdId: string;
  group: NameGroup;
  surname: string;
  home: Address;
  restricted: boolean;
  welsh: boolean;
}

export function birthDateForAge(rng: Rng, asOf: IsoDate, minAge: number, maxAge: number): IsoDate {
  return dateBetween(rng, addDays(addYears(asOf, -(maxAge + 1)), 1), addYears(asOf, -minAge));
}

function titleFor(rng: Rng, sex: 'M' | 'F', age: number, partnered: boolean): Title {
  if (age >= 18 && rng.chance(0.01)) return 'DR';
  if (age >= 18 && rng.chance(0.003)) return 'MX';
  if (sex === 'M') return 'MR';
  if (age < 18) return 'MISS';
  if (partnered) return rng.chance(0.7) ? 'MRS' : 'MS';
  if (age < 30) return rng.chance(0.5) ? 'MISS' : 'MS';
  if (age < 60) return rng.weighted<Title>([['MS', 60], ['MRS', 20], ['MISS', 20]]);
  return rng.weighted<Title>([['MRS', 60], ['MS', 25], ['MISS', 15]]);
}

export interface AdultTraits {
  sex: 'M' | 'F';
  dateOfBirth: IsoDate;
  partnered: boolean;
  /** Defaults to the household's. */
  surname?: string;
  dateOfDeath?: IsoDate | null;
}

export function newAdult(context: GenerationContext, rng: Rng, setting: HouseholdSetting, traits: AdultTraits): Person {
  const nino = context.ninos.ninoFor(context.nextPersonSerial(), rng);
  const [forename1, forename2] = chooseForenames(rng, setting.group, traits.sex, traits.dateOfBirth);
  const surname = traits.surname ?? setting.surname;
  const age = ageOn(traits.dateOfBirth, traits.dateOfDeath ?? context.asOf);
  const alive = !traits.dateOfDeath;
  return createPerson({
    nino,
    householdId: setting.householdId,
    title: titleFor(rng, traits.sex, age, traits.partnered),
    forename1,
    forename2,
    surname,
    sex: traits.sex,
    dateOfBirth: traits.dateOfBirth,
    dateOfDeath: traits.dateOfDeath ?? null,
    restricted: setting.restricted,
    welsh: setting.welsh,
    phone: alive && rng.chance(age >= 50 ? 0.7 : 0.25) ? landline(rng, setting.home) : null,
    mobile: alive && rng.chance(age >= 75 ? 0.45 : 0.85) ? mobile(rng) : null,
    email: alive && rng.chance(age >= 65 ? 0.35 : 0.75) ? email(rng, forename1, surname) : null,
  });
}

export function newChild(context: GenerationContext, rng: Rng, setting: HouseholdSetting, dateOfBirth: IsoDate): Person {
  const sex = rng.chance(0.51) ? 'M' : 'F';
  const nino = context.ninos.ninoFor(context.nextPersonSerial(), rng);
  const [forename1, forename2] = chooseForenames(rng, setting.group, sex, dateOfBirth);
  return createPerson({
    nino,
    householdId: setting.householdId,
    title: titleFor(rng, sex, ageOn(dateOfBirth, context.asOf), false),
    forename1,
    forename2,
    surname: setting.surname,
    sex,
    dateOfBirth,
    restricted: setting.restricted,
    welsh: setting.welsh,
  });
}

/**
 * Address histories: each adult's own earlier homes, then the homes the household shared
 * since it formed (sometimes one before the current home). Children live where the
 * household lived from their birth. The dead keep the homes they had while alive.
 */
export function giveAddressHistory(
  context: GenerationContext,
  rng: Rng,
  household: { adults: readonly Person[]; children: readonly Person[]; home: Address; formed: IsoDate },
): void {
  const shared: { address: Address; start: IsoDate }[] = [];
  if (daysBetween(household.formed, context.asOf) > 3 * 365 && rng.chance(0.4)) {
    const movedIn = dateBetween(rng, addDays(household.formed, 365), addDays(context.asOf, -60));
    shared.push({ address: context.homes.previousHome(rng, household.home), start: household.formed }, { address: household.home, start: movedIn });
  } else {
    shared.push({ address: household.home, start: household.formed });
  }

  for (const adult of household.adults) {
    // Someone who died before the household formed only had the homes before their death.
    const diedFirst = adult.dateOfDeath !== null && adult.dateOfDeath < household.formed;
    const before = diedFirst && adult.dateOfDeath ? addDays(adult.dateOfDeath, 1) : household.formed;
    for (const spell of earlierHomes(context, rng, adult, household.home, before)) moveIn(adult, spell.address, spell.start);
    for (const spell of shared) {
      if (adult.dateOfDeath === null || spell.start <= adult.dateOfDeath) moveIn(adult, spell.address, spell.start);
    }
  }
  for (const child of household.children) {
    shared.forEach((spell, index) => {
      const next = shared[index + 1];
      if (next && next.start <= child.dateOfBirth) return;
      moveIn(child, spell.address, maxDate(spell.start, child.dateOfBirth));
    });
  }
}

function earlierHomes(context: GenerationContext, rng: Rng, adult: Person, near: Address, before: IsoDate): { address: Address; start: IsoDate }[] {
  const earliest = addYears(adult.dateOfBirth, 18);
  const homes: { address: Address; start: IsoDate }[] = [];
  let end = addDays(before, -1);
  for (let count = rng.int(0, 2); count > 0 && end > earliest; count--) {
    const start = maxDate(addYears(addDays(end, 1), -rng.int(1, 8)), earliest);
    homes.unshift({ address: context.homes.previousHome(rng, near), start });
    end = addDays(start, -1);
  }
  return homes;
}
