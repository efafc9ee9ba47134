import { isValid, toNormalised } from 'postcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, ageOn, daysBetween, isoWeekday } from '../../platform/domain/index.ts';
import { checkBankDetails } from '../../platform/domain/modulus/index.ts';
import { INWARD_CODE_PATTERN, unitForPostcode } from './addresses.ts';
import { statePensionDate } from './awards/state-pension.ts';
import { workAllowanceFor } from './awards/universal-credit.ts';
import { generatePopulation } from './generate.ts';
import { NINO_PATTERN, payDayFromNino } from './nino.ts';
import { HIGHER_CHILD_ELEMENT_BEFORE, LCWRA_CUT_OFF, NEW_STATE_PENSION_FROM, RATES, statePensionWeeklyPence, universalCreditAwardPence } from './rates.ts';
import type { Person, RelationshipType } from './types.ts';

/** The default population (seed 20261125, 10,000 people) checked person by person. */
const AS_OF = '2026-11-25';
let people: Person[] = [];
let byNino = new Map<string, Person>();

beforeAll(() => {
  people = [...generatePopulation({ seed: 20261125, size: 10_000, asOf: AS_OF })];
  byNino = new Map(people.map((person) => [person.nino, person]));
});

/** Runs `check` on every item and reports the first few failures together. */
function everyOne<T>(items: readonly T[], describeItem: (item: T) => string, check: (item: T) => string | undefined): void {
  const failures: string[] = [];
  for (const item of items) {
    const problem = check(item);
    if (problem) failures.push(`${describeItem(item)}: ${problem}`);
    if (failures.length >= 5) break;
  }
  expect(failures).toEqual([]);
}
const who = (person: Person) => person.householdId;
const alive = (person: Person) => person.dateOfDeath === null;
const currentHome = (person: Person) => person.addresses.findLast((spell) => spell.type === 'RES' && spell.end === null)?.address;
const pensionAgeReached = (person: Person) => statePensionDate(person.dateOfBirth) <= AS_OF;

describe('validity of every generated identifier', () => {
  it('gives everyone a valid, unique NINO, never the QQ dummy prefix', () => {
    everyOne(people, who, (person) => (NINO_PATTERN.test(person.nino) && !person.nino.startsWith('QQ') ? undefined : 'invalid NINO'));
    expect(new Set(people.map((person) => person.nino)).size).toBe(people.length);
  });

  it('puts every address on a valid postcode with a lawful inward code', () => {
    const spells = people.flatMap((person) => person.addresses);
    everyOne(spells, (spell) => spell.address.uprn, ({ address }) => {
      const inward = address.postcode.split(' ')[1] ?? '';
      if (!isValid(address.postcode) || toNormalised(address.postcode) !== address.postcode) return 'invalid postcode';
      return INWARD_CODE_PATTERN.test(inward) ? undefined : 'inward code uses a forbidden letter';
    });
  });

  it('can rebuild every address, with its neighbours, from its postcode', () => {
    everyOne(people.flatMap((person) => person.addresses), (spell) => spell.address.uprn, ({ address }) => {
      const unit = unitForPostcode(address.postcode);
      if (!unit || unit.addresses.length < 6) return 'postcode look-up has no neighbours';
      return unit.addresses.some((candidate) => JSON.stringify(candidate) === JSON.stringify(address)) ? undefined : 'address missing from its postcode';
    });
  });

  it('gives one UPRN one address', () => {
    const seen = new Map<string, string>();
    everyOne(people.flatMap((person) => person.addresses), (spell) => spell.address.uprn, ({ address }) => {
      const text = JSON.stringify(address);
      if ((seen.get(address.uprn) ?? text) !== text) return 'UPRN reused for another address';
      seen.set(address.uprn, text);
      return undefined;
    });
  });

  it('gives every award holder bank details that pass modulus checking', () => {
    const accounts = people.flatMap((person) => (person.paymentAccount ? [person.paymentAccount] : []));
    expect(accounts.length).toBeGreaterThan(3_000);
    everyOne(accounts, (account) => account.sortCode, (account) => {
      const result = checkBankDetails(account.sortCode, account.accountNumber);
      if (!result.valid || result.outcome !== 'PASSED') return `modulus check ${result.outcome}`;
      return /^(MR|MRS|MS|MISS|DR|MX) \p{Lu} [\p{Lu}' -]+$/u.test(account.accountHolderName) ? undefined : 'holder name not like MR J SMITH';
    });
  });
});

describe('households', () => {
  const INVERSE: Record<RelationshipType, RelationshipType> = { PTNR: 'PTNR', CHLD: 'PRNT', PRNT: 'CHLD', APTE: 'APTR', APTR: 'APTE', CARR: 'CARD', CARD: 'CARR' };

  it('records every relationship from both sides', () => {
    everyOne(people.flatMap((person) => person.relationships.map((relationship) => [person, relationship] as const)), ([person]) => who(person), ([person, relationship]) => {
      const other = byNino.get(relationship.nino);
      if (!other) return `${relationship.type} to someone outside the population`;
      const back = other.relationships.find((candidate) => candidate.nino === person.nino && candidate.type === INVERSE[relationship.type]);
      if (!back) return `${relationship.type} not mirrored`;
      return back.start === relationship.start && back.end === relationship.end ? undefined : 'mirrored with other dates';
    });
  });

  it('has living partners share their current address', () => {
    everyOne(people.filter(alive), who, (person) => {
      const partners = person.relationships.filter((relationship) => relationship.type === 'PTNR' && relationship.end === null).map((relationship) => byNino.get(relationship.nino));
      return partners.every((partner) => partner && currentHome(partner)?.uprn === currentHome(person)?.uprn) ? undefined : 'partner lives elsewhere';
    });
  });

  it('has children live with a parent, born when the parent was at least 16', () => {
    const children = people.filter((person) => alive(person) && ageOn(person.dateOfBirth, AS_OF) < 18);
    expect(children.length).toBeGreaterThan(1_000);
    everyOne(children, who, (child) => {
      const parents = child.relationships.filter((relationship) => relationship.type === 'PRNT').map((relationship) => byNino.get(relationship.nino));
      if (parents.length === 0) return 'no parent';
      if (parents.some((parent) => !parent || ageOn(parent.dateOfBirth, child.dateOfBirth) < 16)) return 'parent too young';
      return parents.some((parent) => parent && alive(parent) && currentHome(parent)?.uprn === currentHome(child)?.uprn) ? undefined : 'lives apart from every parent';
    });
  });

  it('gives everyone one current home and an unbroken residential history', () => {
    everyOne(people, who, (person) => {
      const residences = person.addresses.filter((spell) => spell.type === 'RES');
      if (residences.filter((spell) => spell.end === null).length !== 1) return 'not exactly one current residence';
      for (let index = 1; index < residences.length; index++) {
        const previous = residences[index - 1];
        const next = residences[index];
        if (!previous || !next || previous.end !== addDays(next.start, -1)) return 'gap or overlap in residences';
      }
      return residences[0] && residences[0].start >= person.dateOfBirth ? undefined : 'lived somewhere before birth';
    });
  });

  it('has appointees and carers who are living adults', () => {
    const helpers = people.flatMap((person) =>
      person.relationships.filter((relationship) => relationship.type === 'APTE' || relationship.type === 'CARR').map((relationship) => byNino.get(relationship.nino)),
    );
    expect(helpers.length).toBeGreaterThan(50);
    everyOne(helpers, (helper) => helper?.householdId ?? 'missing', (helper) => (helper && ageOn(helper.dateOfBirth, AS_OF) >= 16 ? undefined : 'too young or missing'));
  });

  it('has a realistic mix: all ages, some deceased, ~3% restricted, some Welsh speakers', () => {
    const share = (test: (person: Person) => boolean) => people.filter(test).length / people.length;
    expect(share((person) => ageOn(person.dateOfBirth, AS_OF) < 18)).toBeGreaterThan(0.12);
    expect(share((person) => !pensionAgeReached(person) && ageOn(person.dateOfBirth, AS_OF) >= 18)).toBeGreaterThan(0.4);
    expect(share(pensionAgeReached)).toBeGreaterThan(0.12);
    expect(share((person) => !alive(person))).toBeGreaterThan(0.01);
    expect(share((person) => person.restricted)).toBeGreaterThan(0.015);
    expect(share((person) => person.restricted)).toBeLessThan(0.05);
    expect(share((person) => person.welsh)).toBeGreaterThan(0.002);
  });
});

describe('awards', () => {
  it('pays State Pension only past pension age, NSP from April 2016, pro rata the full rate', () => {
    const pensioners = people.filter((person) => person.statePension);
    expect(pensioners.length).toBeGreaterThan(1_000);
    everyOne(people, who, (person) => {
      const award = person.statePension;
      if (!award) return undefined;
      if (!pensionAgeReached(person) || award.statePensionDate !== statePensionDate(person.dateOfBirth)) return 'before pension age';
      if ((award.scheme === 'NSP') !== (award.statePensionDate >= NEW_STATE_PENSION_FROM)) return 'wrong scheme';
      if (award.weeklyPence !== statePensionWeeklyPence(award.scheme, award.qualifyingYears)) return 'rate is not the full rate pro rata';
      if (award.payDay !== payDayFromNino(person.nino)) return 'pay day not from the NINO';
      if (award.lastPaidDate && isoWeekday(award.lastPaidDate) !== award.payDay) return 'paid on the wrong weekday';
      // The first payment comes four weeks (or a few days more) after pension age.
      const firstPaymentDue = award.awardStartDate !== null && addDays(award.awardStartDate, 35) <= AS_OF;
      if (award.status === 'IP' && firstPaymentDue && !award.lastPaidDate) return 'in payment but never paid';
      return award.lastPaidDate && award.lastPaidDate > AS_OF ? 'paid in the future' : undefined;
    });
  });

  it('gives no Universal Credit to pensioners or children, and the taper to every period', () => {
    const claims = people.filter((person) => person.universalCredit);
    expect(claims.length).toBeGreaterThan(800);
    everyOne(claims, who, (person) => {
      const claim = person.universalCredit;
      if (!claim) return undefined;
      if (pensionAgeReached(person) || ageOn(person.dateOfBirth, AS_OF) < 18) return 'UC outside working age';
      const { standardAllowance } = RATES.universalCredit;
      const standard = claim.elements.filter((element) => element.code === 'STANDARD_ALLOWANCE');
      const allowed: readonly number[] = claim.claimantType === 'SINGLE' ? [standardAllowance.singleUnder25, standardAllowance.single25OrOver] : [standardAllowance.coupleBothUnder25, standardAllowance.coupleOneOrBoth25OrOver];
      if (standard.length !== 1 || !allowed.includes(standard[0]?.monthlyPence ?? 0)) return 'standard allowance not at a 2026/27 rate';
      const lcwra = claim.elements.find((element) => element.code === 'LCWRA');
      if (lcwra && lcwra.monthlyPence !== (claim.startDate < LCWRA_CUT_OFF ? RATES.universalCredit.lcwraProtected : RATES.universalCredit.lcwraNewClaim)) return 'LCWRA rate';
      const children = claim.elements.filter((element) => element.code === 'CHILD').map((element) => element.monthlyPence);
      if (children.some((amount, index) => amount !== RATES.universalCredit.child && !(index === 0 && amount === RATES.universalCredit.childFirstBornBeforeApril2017))) return 'child element rate';
      if (claim.assessmentPeriods.length > 6) return 'more than six periods';
      const maximum = claim.elements.reduce((sum, element) => sum + element.monthlyPence, 0);
      for (const [index, period] of claim.assessmentPeriods.entries()) {
        if (period.end >= AS_OF || period.paymentDate !== addDays(period.end, 7)) return 'period not ended or paid on the wrong day';
        const newer = claim.assessmentPeriods[index - 1];
        if (newer && newer.start !== addDays(period.end, 1)) return 'periods not consecutive, newest first';
        if (Number(period.start.slice(8)) !== Math.min(claim.assessmentPeriodStartDay, Number(period.start.slice(8)))) return 'period starts after its day';
        if (period.awardPence !== universalCreditAwardPence(maximum, period.earningsPence, workAllowanceFor(claim.elements))) return 'award is not max minus the 55% taper';
      }
      if (claim.claimantType === 'COUPLE') {
        const partnerClaim = claim.partnerNino ? byNino.get(claim.partnerNino)?.universalCredit : undefined;
        if (!partnerClaim || partnerClaim.claimId !== claim.claimId || partnerClaim.partnerNino !== person.nino) return 'joint claim not shared with the partner';
      }
      return undefined;
    });
  });

  it('gives nobody a live award after death', () => {
    const dead = people.filter((person) => !alive(person));
    everyOne(dead, who, (person) => {
      const died = person.dateOfDeath ?? '';
      if (died > AS_OF) return 'dies in the future';
      if (person.statePension || person.universalCredit?.status === 'OPEN' || person.paymentAccount) return 'live award or bank details';
      if (person.disabilityAwards.some((award) => award.status !== 'T' || (award.lastPaidDate ?? '') > died)) return 'disability award after death';
      return person.cisAwards.some((award) => award.status !== 'TERM') ? 'CIS award after death' : undefined;
    });
  });

  it('pays disability benefits at the 2026/27 rates, by age group', () => {
    const care: Record<string, number> = { DS: 7670, DE: 11460, CL: 3030, CM: 7670, CH: 11460, AL: 7670, AH: 11460 };
    const mobility: Record<string, number> = { MS: 3030, ME: 8000, ML: 3030, MH: 8000 };
    everyOne(people.flatMap((person) => person.disabilityAwards.map((award) => [person, award] as const)), ([person]) => who(person), ([person, award]) => {
      if ((award.careCode ? care[award.careCode] : 0) !== award.carePence || (award.mobilityCode ? mobility[award.mobilityCode] : 0) !== award.mobilityPence) return 'rate';
      if (award.benefit === 'AA' && award.start < statePensionDate(person.dateOfBirth)) return 'AA before pension age';
      if (award.benefit === 'DLA' && ageOn(person.dateOfBirth, award.start) >= 16) return 'DLA for an adult';
      if (award.benefit === 'PIP' && award.start >= statePensionDate(person.dateOfBirth)) return 'PIP claimed past pension age';
      if (award.lastPaidDate && (award.lastPaidDate > AS_OF || isoWeekday(award.lastPaidDate) !== award.payDay)) return 'last paid date';
      return undefined;
    });
  });

  it('pays CIS-summarised awards at the 2026/27 rates', () => {
    everyOne(people.flatMap((person) => person.cisAwards.map((award) => [person, award] as const)), ([person]) => who(person), ([person, award]) => {
      if (award.lastPaidDate && (award.lastPaidDate > AS_OF || award.lastPaidDate < award.start)) return 'last paid date';
      switch (award.benefit) {
        case 'CA': {
          const cares = person.relationships.some((relationship) => relationship.type === 'CARD');
          return award.weeklyPence === RATES.carersAllowance && cares && !pensionAgeReached(person) ? undefined : "Carer's Allowance";
        }
        case 'CHB':
          return award.weeklyPence === (award.component === 'EL' ? RATES.childBenefit.eldest : RATES.childBenefit.other) ? undefined : 'Child Benefit rate';
        case 'BSP': {
          const rate = [RATES.bereavementSupport.standard, RATES.bereavementSupport.higher].find((candidate) => candidate.monthly === award.monthlyPence);
          return rate && award.weeklyPence === null && award.payFrequency === '1M' && award.lumpSum?.pence === rate.lumpSum ? undefined : 'BSP rate';
        }
        case 'PC': {
          const partner = person.relationships.find((relationship) => relationship.type === 'PTNR' && relationship.end === null);
          const couple = partner ? [person, byNino.get(partner.nino)] : [person];
          const income = couple.reduce((sum, member) => sum + (member?.statePension?.weeklyPence ?? 0), 0);
          const guarantee = partner ? RATES.pensionCredit.guaranteeCouple : RATES.pensionCredit.guaranteeSingle;
          return award.weeklyPence === guarantee - income && couple.every((member) => member && pensionAgeReached(member)) ? undefined : 'Pension Credit is not guarantee minus pensions';
        }
      }
    });
  });

  it('records a pregnancy only on an open UC claim with a woman of childbearing age, due within 40 weeks', () => {
    const pregnancies = people.filter((person) => person.universalCredit?.expectedDeliveryDate);
    expect(pregnancies.length).toBeGreaterThan(0);
    everyOne(pregnancies, who, (person) => {
      const claim = person.universalCredit!;
      const due = claim.expectedDeliveryDate!;
      if (claim.status !== 'OPEN') return 'pregnancy on a closed claim';
      if (due <= AS_OF || daysBetween(AS_OF, due) > 280) return 'due date out of range';
      const household = [person, ...(claim.partnerNino ? [byNino.get(claim.partnerNino)] : [])];
      return household.some((member) => member?.sex === 'F' && ageOn(member.dateOfBirth, AS_OF) < 45) ? undefined : 'no woman of childbearing age';
    });
  });

  it('pays JSAPS awards at the 2026/27 rates, never beside an open Universal Credit claim', () => {
    everyOne(people.flatMap((person) => person.jsapsAwards.map((award) => [person, award] as const)), ([person]) => who(person), ([person, award]) => {
      if (award.lastPaidDate && (award.lastPaidDate > AS_OF || award.lastPaidDate < award.start)) return 'last paid date';
      if (award.status === 'A' && person.universalCredit?.status === 'OPEN' && award.basis !== 'CB') return 'income-related benefit beside UC';
      const rates = { JSA: RATES.jsa, ESA: RATES.esa, IS: RATES.incomeSupport }[award.benefit];
      return ([rates.under25, rates.age25OrOver] as readonly number[]).includes(award.weeklyPence) ? undefined : 'rate';
    });
  });

  it('pays the higher child element only for a first child born before 6 April 2017', () => {
    const families = people.filter((person) => person.universalCredit?.elements.some((element) => element.monthlyPence === RATES.universalCredit.childFirstBornBeforeApril2017 && element.code === 'CHILD'));
    everyOne(families, who, (person) => {
      const children = person.relationships.filter((relationship) => relationship.type === 'CHLD').map((relationship) => byNino.get(relationship.nino)?.dateOfBirth ?? '');
      return children.sort()[0]! < HIGHER_CHILD_ELEMENT_BEFORE ? undefined : 'eldest child born too late';
    });
  });

  it('has every kind of award somewhere in the population', () => {
    const has = (test: (person: Person) => boolean) => people.some(test);
    for (const benefit of ['PC', 'CA', 'CHB', 'BSP'] as const) expect(has((person) => person.cisAwards.some((award) => award.benefit === benefit))).toBe(true);
    for (const [benefit, basis] of [['JSA', 'IB'], ['ESA', 'IR'], ['ESA', 'CB'], ['IS', null]] as const) {
      expect(has((person) => person.jsapsAwards.some((award) => award.benefit === benefit && award.basis === basis))).toBe(true);
    }
    for (const benefit of ['PIP', 'DLA', 'AA'] as const) expect(has((person) => person.disabilityAwards.some((award) => award.benefit === benefit))).toBe(true);
    for (const code of ['LCW', 'LCWRA', 'CARER', 'HOUSING', 'CHILDCARE', 'DISABLED_CHILD'] as const) {
      expect(has((person) => person.universalCredit?.elements.some((element) => element.code === code) ?? false)).toBe(true);
    }
    expect(has((person) => person.statePension?.status === 'DF')).toBe(true);
    expect(has((person) => person.universalCredit?.status === 'CLOSED')).toBe(true);
  });
});
