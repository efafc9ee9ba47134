import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

const WHOLE_CITIZEN = /* GraphQL */ `
  query WholeCitizen($nino: NINO!) {
    citizen(nino: $nino) {
      nino
      name { title givenName familyName fullName }
      dateOfBirth
      dateOfDeath
      deceased
      sex
      restricted
      contact { phone mobile email }
      currentAddress { lines postTown postcode uprn }
      addressHistory { type from to address { postcode } }
      awards {
        benefit status amount paymentFrequency
        nextPayment { date amount }
        recentPayments { date amount }
      }
      bankAccount { sortCode accountNumber accountHolderName }
      relationships { type from citizen { nino name { fullName } } }
    }
  }
`;

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.close());

async function wholeCitizen(nino: string) {
  const result = await system.graphql(WHOLE_CITIZEN, { nino });
  expect(result.status).toBe(200);
  return result;
}

describe('the single view through the gateway', () => {
  it('gives the pensioner couple their pensions, shared address and each other', async () => {
    const { body } = await wholeCitizen(SHOWCASE.pensionerCouple.nino);
    expect(body.errors).toBeUndefined();
    const citizen = body.data!.citizen;
    expect(citizen.nino).toBe(SHOWCASE.pensionerCouple.nino);
    expect(citizen.awards.map((award: { benefit: string }) => award.benefit)).toContain('STATE_PENSION');
    const statePension = citizen.awards.find((award: { benefit: string }) => award.benefit === 'STATE_PENSION');
    expect(statePension.nextPayment.date > new Date().toISOString().slice(0, 10) || statePension.nextPayment.date === new Date().toISOString().slice(0, 10)).toBe(true);
    expect(statePension.recentPayments.length).toBeGreaterThan(0);
    const partner = citizen.relationships.find((relationship: { type: string }) => relationship.type === 'PARTNER');
    expect(partner.citizen.nino).toBe(SHOWCASE.pensionerCouple.partnerNino);
    expect(partner.citizen.name.fullName).toMatch(/\w+ \w+/);
    expect(citizen.currentAddress.postcode).toMatch(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
    expect(citizen.bankAccount.sortCode).toMatch(/^\d{2}-\d{2}-\d{2}$/);

    const partnerView = await wholeCitizen(SHOWCASE.pensionerCouple.partnerNino);
    expect(partnerView.body.data!.citizen.currentAddress).toEqual(citizen.currentAddress);
  });

  it('gives the UC family their Universal Credit, Child Benefit and children', async () => {
    const { body } = await wholeCitizen(SHOWCASE.ucFamily.nino);
    expect(body.errors).toBeUndefined();
    const citizen = body.data!.citizen;
    const benefits = citizen.awards.map((award: { benefit: string }) => award.benefit);
    expect(benefits).toContain('UNIVERSAL_CREDIT');
    const children = citizen.relationships.filter((relationship: { type: string }) => relationship.type === 'CHILD');
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.citizen.name.fullName).toBeTruthy();
  });

  it('gives the PIP claimant their PIP award', async () => {
    const { body } = await wholeCitizen(SHOWCASE.pipClaimant.nino);
    expect(body.errors).toBeUndefined();
    expect(body.data!.citizen.awards.map((award: { benefit: string }) => award.benefit)).toContain('PERSONAL_INDEPENDENCE_PAYMENT');
  });

  it('flags the restricted record', async () => {
    const { body } = await wholeCitizen(SHOWCASE.restrictedRecord.nino);
    expect(body.data!.citizen.restricted).toBe(true);
  });

  it('shows the deceased person as deceased, with no live awards', async () => {
    const { body } = await wholeCitizen(SHOWCASE.deceased.nino);
    const citizen = body.data!.citizen;
    expect(citizen.deceased).toBe(true);
    expect(citizen.dateOfDeath).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(citizen.awards.filter((award: { status: string }) => award.status === 'LIVE')).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['a malformed NINO', 'query { citizen(nino: "XX123") { nino } }', 'INVALID_NINO'],
    ['a TRN instead of a NINO', 'query { citizen(nino: "11 A1 11 11") { nino } }', 'INVALID_NINO'],
    ['a malformed postcode', 'query { addressLookup(postcode: "NOT A POSTCODE") { postcode } }', 'INVALID_POSTCODE'],
    ['a malformed sort code', 'query { validateBankDetails(sortCode: "12-34", accountNumber: "12345678") { valid } }', 'INVALID_SORT_CODE'],
  ])('%s in the query gives a typed error, not a 500', async (_name, query, code) => {
    const result = await system.graphql(query);
    expect(result.status).toBeLessThan(500);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.text).not.toMatch(/at .*\.ts:\d+|stacktrace|127\.0\.0\.1|localhost/);
  });

  it.each([
    ['NINO', 'query($v: NINO!) { citizen(nino: $v) { nino } }', 'QQ 12 34 56', 'INVALID_NINO'],
    ['Postcode', 'query($v: Postcode!) { addressLookup(postcode: $v) { postcode } }', 'SW1A', 'INVALID_POSTCODE'],
    ['SortCode', 'query($v: SortCode!) { validateBankDetails(sortCode: $v, accountNumber: "12345678") { valid } }', '1234567', 'INVALID_SORT_CODE'],
  ])('a malformed %s variable gives a typed error', async (_name, query, value, code) => {
    const result = await system.graphql(query, { v: value });
    expect(result.status).toBeLessThan(500);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('gives null and CITIZEN_NOT_FOUND for an unknown NINO', async () => {
    const result = await system.graphql('query { citizen(nino: "AB 99 99 99 D") { nino name { fullName } } }');
    expect(result.body.data).toEqual({ citizen: null });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('CITIZEN_NOT_FOUND');
    expect(result.body.errors?.[0]?.path).toEqual(['citizen']);
  });
});
