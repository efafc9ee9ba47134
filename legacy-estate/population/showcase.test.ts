import { describe, expect, it } from 'vitest';
import { ageOn } from '../../platform/domain/index.ts';
import { generatePopulation, showcaseSize } from './generate.ts';
import { SHOWCASE } from './showcase.ts';
import type { Person } from './types.ts';

const AS_OF = '2026-11-25';
const people = [...generatePopulation({ seed: 20261125, size: 40, asOf: AS_OF })];
const find = (nino: string): Person => {
  const person = people.find((candidate) => candidate.nino === nino);
  if (!person) throw new Error(`showcase NINO ${nino} missing`);
  return person;
};
const liveAwardCount = (person: Person) =>
  (person.statePension ? 1 : 0) +
  (person.universalCredit?.status === 'OPEN' ? 1 : 0) +
  person.disabilityAwards.filter((award) => award.status !== 'T').length +
  person.cisAwards.filter((award) => award.status !== 'TERM').length +
  person.jsapsAwards.filter((award) => award.status !== 'C').length;

describe('showcase citizens', () => {
  it('are the same whatever the seed or size', () => {
    const count = showcaseSize();
    const first = [...generatePopulation({ seed: 1, size: count, asOf: AS_OF })].map((person) => JSON.stringify(person));
    const second = [...generatePopulation({ seed: 99, size: 500, asOf: AS_OF })].slice(0, count).map((person) => JSON.stringify(person));
    expect(second).toEqual(first);
  });

  it('are all present under their fixed NINOs, each with a description', () => {
    for (const entry of Object.values(SHOWCASE)) {
      expect(entry.description.length).toBeGreaterThan(20);
      expect(find(entry.nino).nino).toBe(entry.nino);
    }
  });

  it('pensioner couple: State Pension each, couple Pension Credit, AA with an appointee who is paid', () => {
    const { nino, partnerNino, appointeeNino } = SHOWCASE.pensionerCouple;
    const [harold, margaret, susan] = [find(nino), find(partnerNino), find(appointeeNino)];
    expect(harold.statePension?.status).toBe('IP');
    expect(margaret.statePension?.status).toBe('IP');
    expect(harold.cisAwards).toContainEqual(expect.objectContaining({ benefit: 'PC', component: 'GC', status: 'LIVE' }));
    expect(margaret.disabilityAwards).toContainEqual(expect.objectContaining({ benefit: 'AA', careCode: 'AH', status: 'L' }));
    expect(margaret.relationships).toContainEqual(expect.objectContaining({ type: 'APTE', nino: appointeeNino }));
    expect(susan.relationships).toContainEqual(expect.objectContaining({ type: 'APTR', nino: partnerNino }));
    expect(susan.cisAwards).toContainEqual(expect.objectContaining({ benefit: 'CA', status: 'LIVE' }));
    expect(margaret.paymentAccount?.accountHolderName).toBe('MRS S HARTLEY');
  });

  it('UC family: joint claim, children, earnings low enough for every partner check', () => {
    const { nino, partnerNino, childNinos } = SHOWCASE.ucFamily;
    const claim = find(nino).universalCredit;
    expect(claim).toMatchObject({ status: 'OPEN', claimantType: 'COUPLE', partnerNino });
    expect(claim?.elements.filter((element) => element.code === 'CHILD')).toHaveLength(childNinos.length);
    const latest = claim?.assessmentPeriods[0];
    // Healthy Start £408 a month, free school meals £616.67, prescriptions £935 with a child element.
    expect(latest?.earningsPence).toBeLessThanOrEqual(40800);
    expect(childNinos.some((child) => ageOn(find(child).dateOfBirth, AS_OF) < 4)).toBe(true);
    expect(find(partnerNino).cisAwards.filter((award) => award.benefit === 'CHB')).toHaveLength(childNinos.length);
  });

  it('PIP claimant: enhanced both components, UC with LCWRA, prefers Welsh', () => {
    const rhys = find(SHOWCASE.pipClaimant.nino);
    expect(rhys.disabilityAwards).toContainEqual(expect.objectContaining({ benefit: 'PIP', careCode: 'DE', mobilityCode: 'ME', status: 'L' }));
    expect(rhys.universalCredit?.elements.map((element) => element.code)).toContain('LCWRA');
    expect(rhys.welsh).toBe(true);
  });

  it('restricted record, deceased and no-awards citizens look the part', () => {
    expect(find(SHOWCASE.restrictedRecord.nino).restricted).toBe(true);
    const walter = find(SHOWCASE.deceased.nino);
    expect(walter.dateOfDeath).not.toBeNull();
    expect(liveAwardCount(walter)).toBe(0);
    expect(walter.disabilityAwards).toContainEqual(expect.objectContaining({ benefit: 'AA', status: 'T', end: walter.dateOfDeath }));
    const priya = find(SHOWCASE.noAwards.nino);
    expect(liveAwardCount(priya) + priya.disabilityAwards.length + priya.cisAwards.length + priya.jsapsAwards.length).toBe(0);
    expect(priya.paymentAccount).toBeNull();
  });

  it('JSA claimant: live income-based JSA on JSAPS and no Universal Credit', () => {
    const gary = find(SHOWCASE.jsaClaimant.nino);
    expect(gary.jsapsAwards).toEqual([expect.objectContaining({ benefit: 'JSA', basis: 'IB', status: 'A' })]);
    expect(gary.universalCredit).toBeNull();
  });

  it('Income Support parent: live Income Support, a child under 4 recorded on CIS', () => {
    const { nino, childNinos } = SHOWCASE.incomeSupportParent;
    const kerry = find(nino);
    expect(kerry.jsapsAwards).toEqual([expect.objectContaining({ benefit: 'IS', basis: null, status: 'A' })]);
    expect(kerry.relationships.filter((relationship) => relationship.type === 'CHLD').map((relationship) => relationship.nino)).toEqual([...childNinos]);
    expect(childNinos.map((child) => ageOn(find(child).dateOfBirth, AS_OF))).toEqual([10, 2]);
  });

  it('pregnant claimant: UC with low earnings, no children, an expected date of delivery 20 weeks away', () => {
    const aisha = find(SHOWCASE.pregnantClaimant.nino);
    expect(aisha.universalCredit).toMatchObject({ status: 'OPEN', expectedDeliveryDate: '2027-04-14' });
    expect(aisha.universalCredit?.assessmentPeriods[0]?.earningsPence).toBeLessThanOrEqual(40800);
    expect(aisha.relationships).toEqual([]);
  });

  it('pensioner couple: Pension Credit carries a passed habitual-residence determination and no child addition', () => {
    const pensionCredit = find(SHOWCASE.pensionerCouple.nino).cisAwards.find((award) => award.benefit === 'PC');
    expect(pensionCredit).toMatchObject({ childAddition: false, habitualResidence: { outcome: 'PASSED', decidedOn: '2013-06-11' } });
  });
});
