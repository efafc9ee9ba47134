import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

const CASELOAD = /* GraphQL */ `
  query Caseload($ninos: [NINO!]!) {
    citizens(ninos: $ninos) {
      nino
      name { fullName }
      dateOfBirth
      restricted
      currentAddress { postcode }
      awards { benefit amount nextPayment { date amount } }
      bankAccount { sortCode accountNumber }
      relationships { type citizen { nino } }
    }
  }
`;

let system: TestSystem;
beforeAll(async () => {
  // Short legacy timeouts so the slow-system case below is quick to prove, yet far above what a
  // healthy call takes on a busy machine (a 50-citizen caseload runs several CIS reads at once).
  system = await startTestSystem({ LEGACY_HEADERS_TIMEOUT_MS: '1000', LEGACY_BODY_TIMEOUT_MS: '1000' });
});
afterAll(() => system?.close());
beforeEach(() => system.resetStats());

/** CIS reads answered from another subgraph's identical read of the same request, from a `/metrics` text. */
function sharedCisReads(metricsText: string): number {
  return Number(/^citizen_graph_legacy_reads_shared_total\{system="cis"\} (\d+)$/m.exec(metricsText)?.[1] ?? 0);
}

function sampleNinos(count: number, from = 100): string[] {
  return system.system.estate!.population.people.slice(from, from + count).map((person) => person.nino);
}

describe('a caseload through the gateway', () => {
  it('costs one call per batch to batch systems and one per distinct NINO to single-lookup systems', async () => {
    const ninos = sampleNinos(50);
    const result = await system.graphql(CASELOAD, { ninos });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.citizens.map((citizen: { nino: string }) => citizen.nino)).toEqual(ninos);

    const stats = await system.stats();
    // Person records are read by each subgraph that needs one of their fields: identity (the
    // person), awards (dates of death for the payment schedules) and address (restrictions, as a
    // caseworker cannot see restricted records). In one process they ask CIS once between them.
    expect(stats.cis.operations).toMatchObject({ persons: 1, addresses: 1, relationships: 1, awards: 1 });
    expect(stats.cis.requests).toBe(4);
    expect(stats.uc.requests).toBe(1); // 50 NINOs, batch limit 50
    expect(stats.payments.requests).toBe(2); // 50 NINOs, batch limit 25
    expect(stats.pscs.requests).toBe(50); // one NINO per call
    expect(stats.disability.requests).toBe(50);
    expect(stats.jsaps.requests).toBe(3); // 50 NINOs, batch limit 20
    expect(stats.postcodes.requests).toBe(0);
  });

  it('asks each legacy system about a repeated NINO once', async () => {
    const [first, second] = sampleNinos(2, 300);
    const result = await system.graphql(CASELOAD, { ninos: [first, second, first, first] });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.citizens).toHaveLength(4);
    const stats = await system.stats();
    // One person enquiry, for identity, awards and address together.
    expect(stats.cis.operations.persons).toBe(1);
    expect(stats.pscs.requests).toBe(2);
    expect(stats.disability.requests).toBe(2);
  });

  it('gives a null entry with CITIZEN_NOT_FOUND for an unknown NINO and the rest whole', async () => {
    const [known] = sampleNinos(1, 400);
    const unknown = 'WX999999D';
    expect(system.system.estate!.population.byNino(unknown)).toBeUndefined();
    const result = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { nino name { fullName } } }', { ninos: [known, unknown] });
    expect(result.body.data!.citizens[0].nino).toBe(known);
    expect(result.body.data!.citizens[1]).toBeNull();
    expect(result.body.errors).toEqual([expect.objectContaining({ path: ['citizens', 1], extensions: expect.objectContaining({ code: 'CITIZEN_NOT_FOUND' }) })]);
  });

  it('refuses more than 100 citizens in one request', async () => {
    const result = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { nino } }', { ninos: sampleNinos(101) });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_CITIZENS');
    expect((await system.stats()).cis.requests).toBe(0);
  });
});

describe('when a legacy system fails', () => {
  const AWARDS_AND_IDENTITY = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } currentAddress { postcode } awards { benefit } } }`;

  it('loses only that system’s part of the answer when it is down', async () => {
    await system.setFaults('pscs', { outage: true });
    try {
      const result = await system.graphql(AWARDS_AND_IDENTITY, { nino: SHOWCASE.pensionerCouple.nino });
      const citizen = result.body.data!.citizen;
      expect(citizen.name.fullName).toContain('Brierley');
      expect(citizen.currentAddress.postcode).toBeTruthy();
      expect(citizen.awards).toContainEqual({ benefit: 'PENSION_CREDIT' });
      expect(citizen.awards).not.toContainEqual({ benefit: 'STATE_PENSION' });
      expect(citizen.awards).toContain(null);
      expect(result.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'pscs' }) })]);
      expect(result.text).not.toMatch(/127\.0\.0\.1|localhost|\/pscs/);
    } finally {
      await system.setFaults('pscs', {});
    }
  });

  it('reports LEGACY_TIMEOUT for a system slower than its timeout, and the rest arrives', async () => {
    await system.setFaults('disability', { latencyMs: 3_000 });
    try {
      const result = await system.graphql(AWARDS_AND_IDENTITY, { nino: SHOWCASE.pipClaimant.nino });
      expect(result.body.data!.citizen.name.fullName).toBeTruthy();
      expect(result.body.data!.citizen.awards).toContainEqual({ benefit: 'UNIVERSAL_CREDIT' });
      expect(result.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'LEGACY_TIMEOUT', system: 'disability' }) })]);
    } finally {
      await system.setFaults('disability', {});
    }
  });

  it('answers in full again once the system is back', async () => {
    await system.setFaults('pscs', { outage: true });
    await system.graphql(AWARDS_AND_IDENTITY, { nino: SHOWCASE.pensionerCouple.nino });
    await system.setFaults('pscs', {});
    // The test breaker half-opens 50 ms after it opened, and its probe finds PSCS back: the first whole answer is the one checked.
    let result: GraphQLResult | undefined;
    await expect.poll(async () => (result = await system.graphql(AWARDS_AND_IDENTITY, { nino: SHOWCASE.pensionerCouple.nino })).body.errors, { timeout: 5_000, interval: 20 }).toBeUndefined();
    expect(result!.body.errors).toBeUndefined();
    expect(result!.body.data!.citizen.awards).toContainEqual({ benefit: 'STATE_PENSION' });
  });
});

describe('tracing a citizen by demographics', () => {
  const TRACE = `query($family: String!, $given: String, $dob: Date!, $postcode: Postcode) {
    traceCitizen(familyName: $family, givenName: $given, dateOfBirth: $dob, postcode: $postcode) {
      matches { score matchedOn citizen { nino name { fullName } } }
    }
  }`;

  it('finds a misspelt name phonetically, scored below an exact match', async () => {
    const result = await system.graphql(TRACE, { family: 'Brearley', given: 'Harold', dob: '1946-03-12' });
    expect(result.body.errors).toBeUndefined();
    const [best] = result.body.data!.traceCitizen.matches;
    expect(best.citizen.nino).toBe(SHOWCASE.pensionerCouple.nino);
    expect(best.score).toBeGreaterThan(0.6);
    expect(best.score).toBeLessThan(1);
    expect(best.matchedOn).toContain('FAMILY_NAME_PHONETIC');
  });

  it('scores an exact match 1.0 and finds given and family names swapped', async () => {
    const exact = await system.graphql(TRACE, { family: 'Brierley', given: 'Harold', dob: '1946-03-12' });
    expect(exact.body.data!.traceCitizen.matches[0]).toMatchObject({ score: 1, citizen: { nino: SHOWCASE.pensionerCouple.nino } });
    const swapped = await system.graphql(TRACE, { family: 'Harold', given: 'Brierley', dob: '1946-03-12' });
    expect(swapped.body.data!.traceCitizen.matches[0].matchedOn).toContain('NAMES_TRANSPOSED');
  });

  it('never finds a restricted record by postcode', async () => {
    const person = system.system.estate!.population.byNino(SHOWCASE.restrictedRecord.nino)!;
    const variables = { family: person.surname, given: person.forename1, dob: person.dateOfBirth };
    const withoutPostcode = await system.graphql(TRACE, variables);
    expect(withoutPostcode.body.data!.traceCitizen.matches.map((match: { citizen: { nino: string } }) => match.citizen.nino)).toContain(person.nino);
    const current = person.addresses.find((spell) => spell.end === null && spell.type === 'RES')!;
    const withPostcode = await system.graphql(TRACE, { ...variables, postcode: current.address.postcode });
    expect(withPostcode.body.data!.traceCitizen.matches.map((match: { citizen: { nino: string } }) => match.citizen.nino)).not.toContain(person.nino);
  });
});

describe('metrics', () => {
  it('counts legacy calls by system and outcome, and reads shared within a request, at /metrics on the operations port, with no personal data', async () => {
    await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { awards { benefit } } }', { nino: SHOWCASE.pensionerCouple.nino });
    const sharedBefore = sharedCisReads(await (await fetch(`${system.system.ops!.url}/metrics`)).text());
    // Address reads the person record identity already read for this request: one call, one shared read.
    await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { name { fullName } currentAddress { postcode } } }', { nino: SHOWCASE.pensionerCouple.nino });
    const response = await fetch(`${system.system.ops!.url}/metrics`);
    const text = await response.text();
    expect(text).toMatch(/citizen_graph_legacy_call_seconds_count\{system="pscs",outcome="ok"\} [1-9]/);
    expect(sharedCisReads(text)).toBe(sharedBefore + 1);
    expect(text).toMatch(/citizen_graph_graphql_responses_total\{service="gateway",outcome="ok"\} [1-9]/);
    expect(text).not.toContain(SHOWCASE.pensionerCouple.nino);
  });
});
