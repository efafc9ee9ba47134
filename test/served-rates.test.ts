import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../legacy-estate/index.ts';
import { ageOn } from '../platform/domain/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * Every 2026/27 rate in /work/shared/domain.md's table that the system serves, checked as the
 * gateway serves it: a citizen in that circumstance is picked from the estate's population and
 * the amount read through GraphQL must be domain.md's figure, written out here as text. The
 * population's rate table is never consulted, so a wrong rate anywhere from generator to
 * wire format to adapter to Money scalar fails here.
 */

const AWARDS = /* GraphQL */ `
  query ServedRates($nino: NINO!) {
    citizen(nino: $nino) {
      awards {
        benefit amount weeklyAmount paymentFrequency
        lumpSum { amount }
        components { kind rate weeklyAmount monthlyAmount }
      }
    }
  }
`;

interface ServedAward {
  benefit: string;
  amount: string | null;
  weeklyAmount: string | null;
  paymentFrequency: string;
  lumpSum: { amount: string } | null;
  components: Array<{ kind: string; rate: string | null; weeklyAmount: string | null; monthlyAmount: string | null }>;
}

let system: TestSystem;
let people: readonly Person[];
let asOf: string;
beforeAll(async () => {
  system = await startTestSystem({ POPULATION_SIZE: '3000' });
  ({ people, asOf } = system.system.estate!.population);
});
afterAll(() => system?.close());

const age = (person: Person) => ageOn(person.dateOfBirth, asOf);
const partnerOf = (person: Person) => {
  const partner = person.relationships.find((relationship) => relationship.type === 'PTNR' && relationship.end === null);
  return partner ? people.find((candidate) => candidate.nino === partner.nino) : undefined;
};
const hasChildren = (person: Person) => person.relationships.some((relationship) => relationship.type === 'CHLD');

async function awardsOf(person: Person): Promise<ServedAward[]> {
  const { body } = await system.graphql(AWARDS, { nino: person.nino });
  expect(body.errors).toBeUndefined();
  return body.data!.citizen.awards as ServedAward[];
}

function someone(description: string, test: (person: Person) => boolean): Person {
  const found = people.find(test);
  if (!found) throw new Error(`the test population has nobody who ${description}`);
  return found;
}

const served = (awards: ServedAward[], benefit: string) => {
  const award = awards.find((candidate) => candidate.benefit === benefit);
  if (!award) throw new Error(`no ${benefit} award served`);
  return award;
};
const component = (award: ServedAward, kind: string) => award.components.find((candidate) => candidate.kind === kind);

describe('rates served through the gateway match domain.md', () => {
  const onUc = (person: Person) => person.universalCredit !== null;
  it.each<[string, string, (person: Person) => boolean]>([
    ['single under 25', '338.58', (p) => onUc(p) && p.universalCredit!.claimantType === 'SINGLE' && age(p) < 25],
    ['single 25 or over', '424.90', (p) => onUc(p) && p.universalCredit!.claimantType === 'SINGLE' && age(p) >= 25],
    ['couple both under 25', '528.34', (p) => onUc(p) && p.universalCredit!.claimantType === 'COUPLE' && age(p) < 25 && age(partnerOf(p)!) < 25],
    ['couple, one or both 25 or over', '666.97', (p) => onUc(p) && p.universalCredit!.claimantType === 'COUPLE' && age(p) >= 25],
  ])('Universal Credit standard allowance, %s, is £%s a month', async (description, expected, test) => {
    const award = served(await awardsOf(someone(`claims UC, ${description}`, test)), 'UNIVERSAL_CREDIT');
    expect(component(award, 'STANDARD_ALLOWANCE')).toMatchObject({ monthlyAmount: expected, weeklyAmount: null });
  });

  it.each<[string, string, 'NSP' | 'BSP', number]>([
    ['new State Pension', '241.30', 'NSP', 35],
    ['basic State Pension', '184.90', 'BSP', 30],
  ])('the full %s is £%s a week', async (_name, expected, scheme, fullYears) => {
    const person = someone(`gets the full ${scheme}`, (p) => p.statePension?.scheme === scheme && p.statePension.status === 'IP' && p.statePension.qualifyingYears >= fullYears);
    expect(served(await awardsOf(person), 'STATE_PENSION')).toMatchObject({ weeklyAmount: expected, paymentFrequency: 'FOUR_WEEKLY' });
  });

  it.each<[string, string, boolean]>([
    ['single', '238.00', false],
    ['couple', '363.25', true],
  ])('Pension Credit tops a %s pensioner up to the standard minimum guarantee of £%s a week', async (kind, expected, couple) => {
    const claimant = someone(`gets ${kind} Pension Credit`, (p) => p.cisAwards.some((award) => award.benefit === 'PC' && award.status === 'LIVE') && (partnerOf(p) !== undefined) === couple);
    const household = [claimant, ...(couple ? [partnerOf(claimant)!] : [])];
    const awards = await Promise.all(household.map(awardsOf));
    const weekly = (award: ServedAward | undefined) => Math.round(Number(award?.weeklyAmount ?? '0') * 100);
    const total = weekly(served(awards[0]!, 'PENSION_CREDIT')) + awards.reduce((sum, own) => sum + weekly(own.find((award) => award.benefit === 'STATE_PENSION')), 0);
    expect((total / 100).toFixed(2)).toBe(expected);
  });

  it.each<[string, string, string, string]>([
    ['Attendance Allowance lower rate', '76.70', 'ATTENDANCE_ALLOWANCE', 'ATTENDANCE:LOWER'],
    ['Attendance Allowance higher rate', '114.60', 'ATTENDANCE_ALLOWANCE', 'ATTENDANCE:HIGHER'],
    ['PIP daily living standard rate', '76.70', 'PERSONAL_INDEPENDENCE_PAYMENT', 'DAILY_LIVING:STANDARD'],
    ['PIP daily living enhanced rate', '114.60', 'PERSONAL_INDEPENDENCE_PAYMENT', 'DAILY_LIVING:ENHANCED'],
    ['PIP mobility standard rate', '30.30', 'PERSONAL_INDEPENDENCE_PAYMENT', 'MOBILITY:STANDARD'],
    ['PIP mobility enhanced rate', '80.00', 'PERSONAL_INDEPENDENCE_PAYMENT', 'MOBILITY:ENHANCED'],
  ])('%s is £%s a week', async (name, expected, benefit, kindAndRate) => {
    const [kind, rate] = kindAndRate.split(':');
    const code = { 'ATTENDANCE:LOWER': 'AL', 'ATTENDANCE:HIGHER': 'AH', 'DAILY_LIVING:STANDARD': 'DS', 'DAILY_LIVING:ENHANCED': 'DE', 'MOBILITY:STANDARD': 'MS', 'MOBILITY:ENHANCED': 'ME' }[kindAndRate]!;
    const person = someone(`has ${name}`, (p) => p.disabilityAwards.some((award) => award.status === 'L' && (award.careCode === code || award.mobilityCode === code)));
    const awards = (await awardsOf(person)).filter((award) => award.benefit === benefit);
    const components = awards.flatMap((award) => award.components).filter((candidate) => candidate.kind === kind && candidate.rate === rate);
    expect(components.length).toBeGreaterThan(0);
    for (const found of components) expect(found.weeklyAmount).toBe(expected);
  });

  it("Carer's Allowance is £86.45 a week", async () => {
    const person = someone("gets Carer's Allowance", (p) => p.cisAwards.some((award) => award.benefit === 'CA'));
    expect(served(await awardsOf(person), 'CARERS_ALLOWANCE').weeklyAmount).toBe('86.45');
  });

  it('Child Benefit is £27.05 a week for the eldest child and £17.90 for each other', async () => {
    const person = someone('gets Child Benefit for two or more children', (p) => p.cisAwards.filter((award) => award.benefit === 'CHB').length >= 2);
    const components = (await awardsOf(person)).filter((award) => award.benefit === 'CHILD_BENEFIT').flatMap((award) => award.components);
    expect(components.find((found) => found.kind === 'ELDEST_CHILD')?.weeklyAmount).toBe('27.05');
    expect(components.filter((found) => found.kind === 'ADDITIONAL_CHILD').map((found) => found.weeklyAmount)).toContain('17.90');
  });

  it.each<[string, string, (person: Person) => boolean]>([
    ['under 25', '75.65', (p) => age(p) < 25],
    ['25 or over', '95.55', (p) => age(p) >= 25],
  ])('new-style ESA %s is £%s a week', async (description, expected, test) => {
    const person = someone(`gets new-style ESA, ${description}`, (p) => test(p) && p.jsapsAwards.some((award) => award.benefit === 'ESA' && award.basis === 'CB'));
    const esa = (await awardsOf(person)).find((award) => award.benefit === 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE' && component(award, 'CONTRIBUTION_BASED'));
    expect(esa?.weeklyAmount).toBe(expected);
  });

  it.each<[string, string, string, boolean]>([
    ['without children', '2500.00', '100.00', false],
    ['with children', '3500.00', '350.00', true],
  ])('Bereavement Support Payment %s is a £%s lump sum and £%s a month, no weekly rate', async (description, lumpSum, monthly, withChildren) => {
    const person = someone(`gets Bereavement Support Payment ${description}`, (p) => p.cisAwards.some((award) => award.benefit === 'BSP') && hasChildren(p) === withChildren);
    expect(served(await awardsOf(person), 'BEREAVEMENT_SUPPORT_PAYMENT')).toMatchObject({ paymentFrequency: 'MONTHLY', amount: monthly, weeklyAmount: null, lumpSum: { amount: lumpSum } });
  });
});
