import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

const CITIZEN = /* GraphQL */ `
  query CisDown($nino: NINO!) {
    citizen(nino: $nino) {
      nino
      name { fullName }
      dateOfBirth
      restricted
      contact { phone mobile email }
      currentAddress { postcode }
      addressHistory { type address { postcode } }
      awards { benefit amount nextPayment { date } recentPayments { date } }
      bankAccount { sortCode }
      relationships { type }
    }
  }
`;

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ POPULATION_SIZE: '200' });
});
afterAll(() => system?.close());

/** Every error of `result` is CIS's, and they sit at exactly these paths. */
function expectOnlyCisErrorsAt(result: GraphQLResult, paths: Array<Array<string | number>>): void {
  for (const error of result.body.errors ?? []) {
    expect(error.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'cis' });
    expect(error.message).not.toMatch(/127\.0\.0\.1|localhost|\/cis\/|SC\d{6}/);
  }
  expect((result.body.errors ?? []).map((error) => error.path).sort()).toEqual([...paths].sort());
}

describe.each([
  ['answers every call with an error', { errorRate: 1 }],
  ['is down', { outage: true }],
])('when CIS %s', (_case, faults) => {
  beforeAll(() => system.setFaults('cis', faults));
  afterAll(() => system.setFaults('cis', {}));

  it('still returns the citizen with the awards and bank account other systems hold, each CIS-held field null with its own CIS error', async () => {
    await system.resetStats();
    const result = await system.graphql(CITIZEN, { nino: SHOWCASE.pipClaimant.nino });
    expect(result.status).toBe(200);
    const citizen = result.body.data!.citizen;
    expect(citizen).toMatchObject({
      nino: SHOWCASE.pipClaimant.nino,
      name: null, dateOfBirth: null, restricted: null, contact: null,
      currentAddress: null, addressHistory: null, relationships: null,
      bankAccount: { sortCode: expect.stringMatching(/^\d{2}-\d{2}-\d{2}$/) },
    });
    // UC and the disability system answered; CIS's own award summaries are the null entry.
    expect(citizen.awards.map((award: { benefit: string } | null) => award?.benefit ?? null)).toEqual(['UNIVERSAL_CREDIT', 'PERSONAL_INDEPENDENCE_PAYMENT', null]);
    for (const award of citizen.awards.slice(0, 2)) {
      expect(award.amount).toMatch(/^\d+\.\d{2}$/);
      // Without the date of death a schedule would be a guess.
      expect(award).toMatchObject({ nextPayment: null, recentPayments: null });
    }
    expectOnlyCisErrorsAt(result, [
      ['citizen', 'name'], ['citizen', 'dateOfBirth'], ['citizen', 'restricted'], ['citizen', 'contact'],
      ['citizen', 'currentAddress'], ['citizen', 'addressHistory'], ['citizen', 'relationships'],
      ['citizen', 'awards', 0, 'nextPayment'], ['citizen', 'awards', 0, 'recentPayments'],
      ['citizen', 'awards', 1, 'nextPayment'], ['citizen', 'awards', 1, 'recentPayments'],
      ['citizen', 'awards', 2],
    ]);
  });

  it('withholds a restricted record\'s address and contact, with CIS\'s error, even from a caller who may see restricted records', async () => {
    const person = system.system.estate!.population.byNino(SHOWCASE.restrictedRecord.nino)!;
    const postcodes = person.addresses.map((spell) => spell.address.postcode);
    for (const scopes of [[], ['records:restricted']]) {
      const result = await system.graphql(CITIZEN, { nino: person.nino }, await system.as({ role: 'agent', scopes }, 'CASE-0002'));
      expect(result.body.data!.citizen).toMatchObject({ nino: person.nino, restricted: null, contact: null, currentAddress: null, addressHistory: null });
      expect(result.body.errors?.filter((error) => ['restricted', 'contact', 'currentAddress', 'addressHistory'].includes(String(error.path?.[1])))).toHaveLength(4);
      for (const postcode of postcodes) expect(result.text).not.toContain(postcode);
      for (const detail of [person.phone, person.mobile, person.email].filter((value) => value !== null)) expect(result.text).not.toContain(detail);
    }
  });

  it('cannot tell an unknown NINO from a known one, so it answers it the same way rather than CITIZEN_NOT_FOUND', async () => {
    const unknown = 'WX999999D';
    expect(system.system.estate!.population.byNino(unknown)).toBeUndefined();
    const result = await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { nino name { fullName } awards { benefit } } }', { nino: unknown });
    // Nobody else holds an award for it; CIS's own summaries are the one null entry.
    expect(result.body.data).toEqual({ citizen: { nino: unknown, name: null, awards: [null] } });
    expectOnlyCisErrorsAt(result, [['citizen', 'name'], ['citizen', 'awards', 0]]);
  });

  it('answers a caseload citizen by citizen, each with what the other systems hold', async () => {
    const ninos = [SHOWCASE.pipClaimant.nino, SHOWCASE.ucFamily.nino];
    const result = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { nino name { fullName } awards { benefit } } }', { ninos });
    const citizens = result.body.data!.citizens;
    expect(citizens.map((citizen: { nino: string }) => citizen.nino)).toEqual(ninos);
    expect(citizens[1].awards).toContainEqual({ benefit: 'UNIVERSAL_CREDIT' });
    for (const citizen of citizens) expect(citizen.name).toBeNull();
  });

  it('still lets a citizen see only their own record', async () => {
    const own = SHOWCASE.pipClaimant.nino;
    const headers = await system.as({ role: 'citizen', nino: own });
    const query = 'query($nino: NINO!) { citizen(nino: $nino) { nino awards { benefit } } }';

    const mine = await system.graphql(query, { nino: own }, headers);
    expect(mine.body.data!.citizen.nino).toBe(own);
    expect(mine.body.data!.citizen.awards).toContainEqual({ benefit: 'PERSONAL_INDEPENDENCE_PAYMENT' });

    const theirs = await system.graphql(query, { nino: SHOWCASE.pensionerCouple.nino }, headers);
    expect(theirs.body.data?.citizen ?? null).toBeNull();
    expect(theirs.body.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    expect(theirs.text).not.toMatch(/STATE_PENSION|PENSION_CREDIT/);
  });
});
