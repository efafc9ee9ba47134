import { addDays, addMonthsClamped, addYears, maxDate, minDate } from '../../platform/domain/index.ts';
import { openPaymentAccounts, ensureOwnAccount } from './accounts.ts';
import { isInWales } from './addresses.ts';
import { buildCisAward } from './awards/cis-award.ts';
import { hasReachedStatePensionAge } from './awards/state-pension.ts';
import { dateBetween } from './dates.ts';
import type { IsoDate } from './dates.ts';
import { birthDateForAge, giveAddressHistory, newAdult, newChild } from './demography.ts';
import type { GenerationContext, HouseholdSetting } from './demography.ts';
import { chooseNameGroup, chooseSurname } from './names.ts';
import { payDayFromNino } from './nino.ts';
import { addCorrespondenceAddress, relateAppointee, relateParentAndChild, relatePartners } from './people.ts';
import { attendanceAllowance, assignPensionAgeAwards } from './pension-age-awards.ts';
import type { Rng } from './prng.ts';
import { RATES } from './rates.ts';
import type { Person } from './types.ts';
import { assignWorkingAgeAwards } from './working-age-awards.ts';
import type { CaringArrangement } from './working-age-awards.ts';

/**
 * A cluster is the unit of generation: one household, or an elderly household with the
 * adult child who looks after them. Everything in a cluster refers only to people in it,
 * so clusters stream one at a time and every relationship is recorded from both sides.
 */
export type ClusterPlan =
  | { kind: 'single'; pensioner: boolean; widowed: boolean }
  | { kind: 'couple'; pensioner: boolean; children: number }
  | { kind: 'loneParent'; children: number; widowed: boolean }
  | { kind: 'elderly'; couple: boolean; widowed: boolean; childPartnered: boolean };

export const SINGLE_PERSON_PLAN: ClusterPlan = { kind: 'single', pensioner: false, widowed: false };

export function planCluster(rng: Rng): ClusterPlan {
  // Weights are households, tuned so ages and take-up look roughly like Great Britain's.
  const kind = rng.weighted<'single' | 'couple' | 'family' | 'loneParent' | 'singlePensioner' | 'pensionerCouple' | 'elderly'>([
    ['single', 17], ['couple', 12], ['family', 14], ['loneParent', 6], ['singlePensioner', 10], ['pensionerCouple', 9], ['elderly', 5],
  ]);
  switch (kind) {
    case 'single': return { kind: 'single', pensioner: false, widowed: rng.chance(0.03) };
    case 'singlePensioner': return { kind: 'single', pensioner: true, widowed: rng.chance(0.35) };
    case 'couple': return { kind: 'couple', pensioner: false, children: 0 };
    case 'pensionerCouple': return { kind: 'couple', pensioner: true, children: 0 };
    case 'family': return { kind: 'couple', pensioner: false, children: rng.weighted([[1, 40], [2, 40], [3, 15], [4, 5]]) };
    case 'loneParent': return { kind: 'loneParent', children: rng.weighted([[1, 50], [2, 35], [3, 15]]), widowed: rng.chance(0.08) };
    case 'elderly': return { kind: 'elderly', couple: rng.chance(0.35), widowed: rng.chance(0.5), childPartnered: rng.chance(0.6) };
  }
}

/** The most people a plan can produce (children that can't fit a parent's age are dropped). */
export function peopleIn(plan: ClusterPlan): number {
  switch (plan.kind) {
    case 'single': return plan.widowed ? 2 : 1;
    case 'couple': return 2 + plan.children;
    case 'loneParent': return 1 + plan.children + (plan.widowed ? 1 : 0);
    case 'elderly': return (plan.couple ? 2 : plan.widowed ? 2 : 1) + (plan.childPartnered ? 2 : 1);
  }
}

export function buildCluster(context: GenerationContext, rng: Rng, plan: ClusterPlan): Person[] {
  const people = (() => {
    switch (plan.kind) {
      case 'single': return buildSingle(context, rng, plan.pensioner, plan.widowed);
      case 'couple': return buildCouple(context, rng, plan.pensioner, plan.children);
      case 'loneParent': return buildLoneParent(context, rng, plan.children, plan.widowed);
      case 'elderly': return buildElderly(context, rng, plan);
    }
  })();
  openPaymentAccounts(rng, people.all, context.asOf);
  people.afterAccounts?.();
  return people.all;
}

interface Built {
  all: Person[];
  /** Runs once accounts exist (an appointee taking the payments). */
  afterAccounts?: () => void;
}

interface NewHousehold {
  setting: HouseholdSetting;
  serial: number;
}

function newHousehold(context: GenerationContext, rng: Rng, surname?: string, group?: HouseholdSetting['group']): NewHousehold {
  const serial = context.nextHouseholdSerial();
  const home = context.homes.currentHome(serial);
  const inWales = isInWales(home);
  const nameGroup = group ?? chooseNameGroup(rng, inWales);
  return {
    serial,
    setting: {
      householdId: `H${serial}`,
      group: nameGroup,
      surname: surname ?? chooseSurname(rng, nameGroup),
      home,
      restricted: rng.chance(0.03),
      welsh: rng.chance(inWales ? 0.3 : 0.003),
    },
  };
}

/** A date in [earliest, latest], or `latest` when the range is empty. */
function dateWithin(rng: Rng, earliest: IsoDate, latest: IsoDate): IsoDate {
  return earliest > latest ? latest : dateBetween(rng, earliest, latest);
}

function partnerBirthDate(rng: Rng, birth: IsoDate, asOf: IsoDate, minAge: number, maxAge: number): IsoDate {
  const shifted = addDays(addYears(birth, rng.int(-6, 6)), rng.int(-180, 180));
  const youngest = addYears(asOf, -minAge);
  const oldest = addDays(addYears(asOf, -(maxAge + 1)), 1);
  return minDate(maxDate(shifted, oldest), youngest);
}

function otherSex(rng: Rng, sex: 'M' | 'F'): 'M' | 'F' {
  if (rng.chance(0.05)) return sex;
  return sex === 'M' ? 'F' : 'M';
}

/** A partner who died, for widowed plans: the death between `diedFrom` and a month before asOf. */
function deceasedPartner(context: GenerationContext, rng: Rng, setting: HouseholdSetting, survivor: Person, diedFrom: IsoDate, bornBy?: IsoDate): Person {
  const birth = minDate(partnerBirthDate(rng, survivor.dateOfBirth, context.asOf, 18, 99), bornBy ?? context.asOf);
  const dateOfDeath = dateWithin(rng, maxDate(diedFrom, addYears(birth, 19)), addDays(context.asOf, -30));
  return newAdult(context, rng, setting, { sex: otherSex(rng, survivor.sex), dateOfBirth: birth, partnered: true, dateOfDeath });
}

function bereavementSupport(rng: Rng, survivor: Person, diedOn: IsoDate, withChildren: boolean, asOf: IsoDate): void {
  const rate = withChildren ? RATES.bereavementSupport.higher : RATES.bereavementSupport.standard;
  const start = minDate(addDays(diedOn, rng.int(10, 60)), asOf);
  survivor.cisAwards.push(
    buildCisAward(
      {
        benefit: 'BSP',
        component: null,
        monthlyPence: rate.monthly,
        lumpSumPence: rate.lumpSum,
        start,
        end: addMonthsClamped(start, 18),
        payFrequency: '1M',
        payDay: payDayFromNino(survivor.nino),
      },
      asOf,
    ),
  );
}

function buildSingle(context: GenerationContext, rng: Rng, pensioner: boolean, widowed: boolean): Built {
  const { asOf } = context;
  const { setting, serial } = newHousehold(context, rng);
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const birth = pensioner ? birthDateForAge(rng, asOf, 66, 99) : birthDateForAge(rng, asOf, widowed ? 25 : 18, 65);
  const person = newAdult(context, rng, setting, { sex, dateOfBirth: birth, partnered: widowed });
  const adultFrom = addYears(birth, 18);
  if (!widowed) {
    const movedIn = dateWithin(rng, adultFrom, addDays(asOf, -30));
    giveAddressHistory(context, rng, { adults: [person], children: [], home: setting.home, formed: movedIn });
    if (pensioner) assignPensionAgeAwards(rng, [person], asOf);
    else assignWorkingAgeAwards(context, rng, { adults: [person], children: [], formed: movedIn, householdSerial: serial });
    return { all: [person] };
  }
  const partner = deceasedPartner(context, rng, setting, person, pensioner ? addYears(asOf, -12) : addYears(asOf, -5));
  const diedOn = partner.dateOfDeath as IsoDate;
  const formed = dateWithin(rng, maxDate(adultFrom, addYears(partner.dateOfBirth, 18)), addDays(diedOn, -365));
  relatePartners(person, partner, formed, diedOn);
  giveAddressHistory(context, rng, { adults: [person, partner], children: [], home: setting.home, formed });
  if (pensioner) {
    assignPensionAgeAwards(rng, [person], asOf);
    const award = hasReachedStatePensionAge(partner.dateOfBirth, diedOn) && rng.chance(0.3) ? attendanceAllowance(rng, partner, asOf, diedOn) : null;
    if (award) partner.disabilityAwards.push(award);
  } else {
    assignWorkingAgeAwards(context, rng, { adults: [person], children: [], formed, householdSerial: serial });
    bereavementSupport(rng, person, diedOn, false, asOf);
  }
  return { all: [person, partner] };
}

/** Children born while the younger parent was 18-45, all under 18 now. */
function childBirthDates(rng: Rng, count: number, parents: readonly Person[], asOf: IsoDate): IsoDate[] {
  const youngestParentBirth = parents.reduce((latest, parent) => maxDate(latest, parent.dateOfBirth), '0000-01-01');
  const earliest = maxDate(addYears(youngestParentBirth, 18), addDays(addYears(asOf, -18), 1));
  const latest = minDate(addYears(youngestParentBirth, 45), asOf);
  if (earliest > latest) return [];
  return Array.from({ length: count }, () => dateBetween(rng, earliest, latest)).sort();
}

function buildCouple(context: GenerationContext, rng: Rng, pensioner: boolean, childCount: number): Built {
  const { asOf } = context;
  const { setting, serial } = newHousehold(context, rng);
  const [minAge, maxAge] = pensioner ? [66, 95] : childCount > 0 ? [20, 55] : [18, 65];
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const birth = birthDateForAge(rng, asOf, minAge, maxAge);
  const first = newAdult(context, rng, setting, { sex, dateOfBirth: birth, partnered: true });
  const second = newAdult(context, rng, setting, {
    sex: otherSex(rng, sex),
    dateOfBirth: partnerBirthDate(rng, birth, asOf, pensioner ? 60 : 18, pensioner ? 99 : 65),
    partnered: true,
    surname: rng.chance(0.75) ? setting.surname : chooseSurname(rng, setting.group),
  });
  const adults = [first, second];
  const children = childBirthDates(rng, childCount, adults, asOf).map((birthDate) => newChild(context, rng, setting, birthDate));
  const adultFrom = adults.reduce((latest, adult) => maxDate(latest, addYears(adult.dateOfBirth, 18)), '0000-01-01');
  const formed = dateWithin(rng, adultFrom, minDate(children[0]?.dateOfBirth ?? asOf, addDays(asOf, -60)));
  relatePartners(first, second, formed);
  for (const parent of adults) for (const child of children) relateParentAndChild(parent, child);
  giveAddressHistory(context, rng, { adults, children, home: setting.home, formed });
  if (pensioner) assignPensionAgeAwards(rng, adults, asOf);
  else assignWorkingAgeAwards(context, rng, { adults, children, formed, householdSerial: serial });
  return { all: [...adults, ...children] };
}

function buildLoneParent(context: GenerationContext, rng: Rng, childCount: number, widowed: boolean): Built {
  const { asOf } = context;
  const { setting, serial } = newHousehold(context, rng);
  const parent = newAdult(context, rng, setting, { sex: rng.chance(0.88) ? 'F' : 'M', dateOfBirth: birthDateForAge(rng, asOf, 18, 55), partnered: false });
  const children = childBirthDates(rng, childCount, [parent], asOf).map((birthDate) => newChild(context, rng, setting, birthDate));
  const formed = dateWithin(rng, addYears(parent.dateOfBirth, 18), minDate(children[0]?.dateOfBirth ?? asOf, addDays(asOf, -60)));
  for (const child of children) relateParentAndChild(parent, child);
  const lastChildBorn = children.at(-1)?.dateOfBirth ?? formed;
  const bornBy = addYears(children[0]?.dateOfBirth ?? formed, -18);
  const partner = widowed ? deceasedPartner(context, rng, setting, parent, maxDate(addDays(lastChildBorn, 1), addYears(asOf, -5)), bornBy) : null;
  if (partner) {
    relatePartners(parent, partner, formed, partner.dateOfDeath);
    for (const child of children) relateParentAndChild(partner, child);
  }
  const adults = partner ? [parent, partner] : [parent];
  giveAddressHistory(context, rng, { adults, children, home: setting.home, formed });
  assignWorkingAgeAwards(context, rng, { adults: [parent], children, formed, householdSerial: serial });
  if (partner?.dateOfDeath) bereavementSupport(rng, parent, partner.dateOfDeath, children.length > 0, asOf);
  return { all: [...adults, ...children] };
}

/**
 * Parents in their eighties or nineties and the adult child who looks in on them: often
 * their appointee, sometimes their carer, sometimes receiving their benefits.
 */
function buildElderly(context: GenerationContext, rng: Rng, plan: Extract<ClusterPlan, { kind: 'elderly' }>): Built {
  const { asOf } = context;
  const elderlyHome = newHousehold(context, rng);
  const { setting } = elderlyHome;
  const sex = rng.chance(0.35) ? 'M' : 'F';
  const elder = newAdult(context, rng, setting, { sex, dateOfBirth: birthDateForAge(rng, asOf, 80, 98), partnered: plan.couple || plan.widowed });
  const elderPartner = plan.couple
    ? newAdult(context, rng, setting, { sex: otherSex(rng, sex), dateOfBirth: partnerBirthDate(rng, elder.dateOfBirth, asOf, 75, 99), partnered: true })
    : plan.widowed ? deceasedPartner(context, rng, setting, elder, addYears(asOf, -15)) : null;
  const parents = elderPartner ? [elder, elderPartner] : [elder];
  const youngestParent = parents.reduce((latest, parent) => maxDate(latest, parent.dateOfBirth), '0000-01-01');
  const childBirth = minDate(addDays(addYears(youngestParent, rng.int(22, 40)), rng.int(0, 364)), addYears(asOf, -40));
  const formed = dateWithin(rng, addYears(youngestParent, 18), addDays(childBirth, -300));
  if (elderPartner) relatePartners(elder, elderPartner, formed, elderPartner.dateOfDeath);
  // The widowed elder's partner lived in the current home too, so it starts before the death.
  const movedIn = dateWithin(rng, formed, addYears(asOf, -10));
  const homeFrom = elderPartner?.dateOfDeath ? minDate(movedIn, addDays(elderPartner.dateOfDeath, -365)) : movedIn;
  giveAddressHistory(context, rng, { adults: parents, children: [], home: setting.home, formed: homeFrom });

  const childSex = rng.chance(0.5) ? 'M' : 'F';
  const childHome = newHousehold(context, rng, childSex === 'M' || rng.chance(0.4) ? setting.surname : chooseSurname(rng, setting.group), setting.group);
  const child = newAdult(context, rng, childHome.setting, { sex: childSex, dateOfBirth: childBirth, partnered: plan.childPartnered });
  const childPartner = plan.childPartnered
    ? newAdult(context, rng, childHome.setting, { sex: otherSex(rng, childSex), dateOfBirth: partnerBirthDate(rng, childBirth, asOf, 30, 90), partnered: true })
    : null;
  const childAdults = childPartner ? [child, childPartner] : [child];
  const childFormed = dateWithin(rng, childAdults.reduce((latest, adult) => maxDate(latest, addYears(adult.dateOfBirth, 20)), '0000-01-01'), addDays(asOf, -60));
  if (childPartner) relatePartners(child, childPartner, childFormed);
  for (const parent of parents) relateParentAndChild(parent, child);
  giveAddressHistory(context, rng, { adults: childAdults, children: [], home: childHome.setting.home, formed: childFormed });

  const livingParents = parents.filter((parent) => parent.dateOfDeath === null);
  assignPensionAgeAwards(rng, livingParents, asOf, { attendanceAllowanceChance: 0.65 });
  const needsHelp = livingParents.find((parent) => parent.disabilityAwards.some((award) => award.benefit === 'AA' && award.status !== 'T'));
  const helpSince = needsHelp?.disabilityAwards.find((award) => award.benefit === 'AA')?.start;
  let afterAccounts: (() => void) | undefined;
  if (needsHelp && helpSince && rng.chance(0.55)) {
    const since = minDate(addDays(helpSince, rng.int(0, 365)), addDays(asOf, -7));
    relateAppointee(child, needsHelp, since);
    if (rng.chance(0.5)) addCorrespondenceAddress(needsHelp, childHome.setting.home, since);
    if (rng.chance(0.4)) {
      afterAccounts = () => {
        ensureOwnAccount(rng, child, since, asOf);
        needsHelp.paymentAccount = child.paymentAccount;
      };
    }
  }
  const caring: CaringArrangement[] = needsHelp && helpSince && rng.chance(0.45) ? [{ carer: child, caredFor: needsHelp, since: helpSince }] : [];
  const childWorkingAge = childAdults.every((adult) => !hasReachedStatePensionAge(adult.dateOfBirth, asOf));
  if (childWorkingAge) assignWorkingAgeAwards(context, rng, { adults: childAdults, children: [], formed: childFormed, householdSerial: childHome.serial }, caring);
  else assignPensionAgeAwards(rng, childAdults, asOf);

  return { all: [...parents, ...childAdults], afterAccounts };
}
