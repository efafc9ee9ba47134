import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { createInternalTokenSigner, internalTokenSecret } from '../platform/auth/index.ts';
import { SUBGRAPH_NAMES } from '../platform/config/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

const NAME_AND_BANK = /* GraphQL */ `
  query NameAndBank($nino: NINO!) {
    citizen(nino: $nino) { nino name { fullName } bankAccount { accountNumber masked } }
  }
`;

let system: TestSystem;
beforeAll(async () => {
  // Subgraphs over HTTP on their own ports, as docker-compose runs them: the direct calls
  // below need them reachable, and the rest of this file proves the rules hold over HTTP too
  // (the other system tests call subgraphs in process, as `npm start` does).
  system = await startTestSystem({}, { subgraphTransport: 'http' });
});
afterAll(() => system?.close());

function codes(result: GraphQLResult): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}

describe('caller tokens', () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = (overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const { issuer, audience } = system.system.config.auth;
    return { iss: issuer, aud: audience, sub: 'caseworker-9', role: 'agent', org: 'DWP', scope: 'citizen:read', iat: now, exp: now + 600, ...overrides };
  };

  const refused: Array<[string, () => Promise<Record<string, string>>]> = [
    ['no Authorization header', async () => ({})],
    ['a header that is not a bearer JWT', async () => ({ authorization: 'Basic Y2FzZXdvcmtlcjpwYXNzd29yZA==' })],
    ['an unsigned token (alg: none)', async () => ({ authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.` })],
    ['an expired token', async () => ({ authorization: `Bearer ${await system.signToken(claims({ iat: 1_700_000_000, exp: 1_700_000_600 }))}` })],
    ['a token for another audience', async () => ({ authorization: `Bearer ${await system.signToken(claims({ aud: 'another-api' }))}` })],
    ['a token from another issuer', async () => ({ authorization: `Bearer ${await system.signToken(claims({ iss: 'https://issuer.example' }))}` })],
    [
      'a token signed by another key under the issuer\'s key id',
      async () => ({ authorization: `Bearer ${await system.signToken(claims(), {}, (await generateKeyPair('ES256')).privateKey)}` }),
    ],
    [
      'an HS256 token (a shared secret in place of the issuer\'s key)',
      async () => ({ authorization: `Bearer ${await system.signToken(claims(), { alg: 'HS256' }, new TextEncoder().encode('a shared secret of thirty-two bytes!'))}` }),
    ],
  ];

  it.each(refused)('refuses %s with 401, the request id and no data', async (_case, headers) => {
    const result = await system.graphql(NAME_AND_BANK, { nino: SHOWCASE.pensionerCouple.nino }, { ...(await headers()), 'x-purpose': 'CASE-1' });
    expect(result.status).toBe(401);
    expect(result.headers['www-authenticate']).toBe('Bearer');
    // Even a refusal carries the request id support will ask for, in the header and the error.
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
    expect(result.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.body.data).toBeUndefined();
    expect(result.text).not.toContain('Brierley');
  });

  it('accepts a token the issuer signed, with exactly the claims it needs', async () => {
    const result = await system.graphql(NAME_AND_BANK, { nino: SHOWCASE.pensionerCouple.nino }, { authorization: `Bearer ${await system.signToken(claims())}`, 'x-purpose': 'CASE-1' });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.citizen.name.fullName).toMatch(/Brierley/);
  });
});

describe('caseworkers', () => {
  it.each([
    ['no x-purpose header', undefined],
    ['a free-text purpose (which could hold personal data)', 'checking on Harold, he rang'],
  ])('are refused with PURPOSE_REQUIRED and no data for %s', async (_case, purpose) => {
    const result = await system.graphql(NAME_AND_BANK, { nino: SHOWCASE.pensionerCouple.nino }, await system.as({ role: 'agent' }, purpose));
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['PURPOSE_REQUIRED']);
    expect(result.body.data).toBeUndefined();
  });

  it('see only the last four digits of an account number, however the citizen is reached, unless they hold bank:full', async () => {
    const { nino, partnerNino } = SHOWCASE.pensionerCouple;
    const full = await system.graphql(NAME_AND_BANK, { nino }, await system.as({ role: 'agent', scopes: ['bank:full'] }, 'CASE-1'));
    const accountNumber: string = full.body.data?.citizen.bankAccount.accountNumber;
    expect(accountNumber).toMatch(/^\d{8}$/);
    expect(full.body.data?.citizen.bankAccount.masked).toBe(false);

    const masked = { accountNumber: `****${accountNumber.slice(-4)}`, masked: true };
    const direct = await system.graphql(NAME_AND_BANK, { nino });
    expect(direct.body.data?.citizen.bankAccount).toEqual(masked);
    const caseload = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { bankAccount { accountNumber masked } } }', { ninos: [nino] });
    expect(caseload.body.data?.citizens[0].bankAccount).toEqual(masked);
    const household = await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { relationships { citizen { nino bankAccount { accountNumber masked } } } } }', { nino: partnerNino });
    const husband = household.body.data?.citizen.relationships.find((relationship: { citizen: { nino: string } }) => relationship.citizen.nino === nino);
    expect(husband.citizen.bankAccount).toEqual(masked);
    for (const result of [direct, caseload, household]) expect(result.text).not.toContain(accountNumber);
  });

  const RESTRICTED_FIELDS = /* GraphQL */ `
    query Restricted($nino: NINO!) {
      citizen(nino: $nino) {
        restricted
        contact { phone mobile email }
        currentAddress { lines postcode }
        correspondenceAddress { postcode }
        addressHistory { address { postcode } }
      }
    }
  `;

  it('see no address or contact details on a restricted record, only that it is restricted', async () => {
    const nino = SHOWCASE.restrictedRecord.nino;
    const allowed = await system.graphql(RESTRICTED_FIELDS, { nino }, await system.as({ role: 'agent', scopes: ['records:restricted'] }, 'CASE-1'));
    const postcode: string = allowed.body.data?.citizen.currentAddress.postcode;
    expect(postcode).toBeTruthy();
    expect(allowed.body.data?.citizen.contact).not.toBeNull();

    const withheld = await system.graphql(RESTRICTED_FIELDS, { nino });
    expect(withheld.body.errors).toBeUndefined();
    expect(withheld.body.data?.citizen).toEqual({ restricted: true, contact: null, currentAddress: null, correspondenceAddress: null, addressHistory: [] });
    expect(withheld.text).not.toContain(postcode);
  });
});

describe('citizens', () => {
  const own = SHOWCASE.pipClaimant.nino;
  const someoneElse = SHOWCASE.pensionerCouple.nino;
  const citizen = () => system.as({ role: 'citizen', nino: own });

  it('read their own record, with their account number masked', async () => {
    const result = await system.graphql(NAME_AND_BANK, { nino: own }, await citizen());
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.citizen).toMatchObject({ nino: own, bankAccount: { masked: true } });
  });

  it('see that they have a partner, but not who: the related record is null and FORBIDDEN', async () => {
    const couple = SHOWCASE.pensionerCouple;
    const result = await system.graphql(
      'query($nino: NINO!) { citizen(nino: $nino) { name { fullName } relationships { type citizen { nino name { fullName } } } } }',
      { nino: couple.nino },
      await system.as({ role: 'citizen', nino: couple.nino }),
    );
    const citizen = result.body.data?.citizen;
    expect(citizen.name.fullName).toContain('Harold');
    expect(citizen.relationships).toContainEqual({ type: 'PARTNER', citizen: null });
    expect(codes(result)).toContain('FORBIDDEN');
    expect(result.text).not.toContain(couple.partnerNino);
    expect(result.text).not.toContain('Margaret');
  });

  it.each([
    ['citizen(nino)', NAME_AND_BANK, { nino: someoneElse }, 'citizen'],
    ['citizens(ninos)', 'query($ninos: [NINO!]!) { citizens(ninos: $ninos) { name { fullName } } }', { ninos: [own, someoneElse] }, 'citizens'],
    ['traceCitizen', 'query { traceCitizen(familyName: "Brierley", dateOfBirth: "1946-03-12") { matches { citizen { name { fullName } } } } }', {}, 'traceCitizen'],
    ['another citizen\'s accessHistory', 'query($nino: NINO!) { citizen(nino: $nino) { accessHistory { accesses { organisation } } } }', { nino: someoneElse }, 'citizen'],
  ])('are refused another citizen\'s record through %s: FORBIDDEN and no data', async (_case, query, variables, field) => {
    const result = await system.graphql(query, variables, await citizen());
    expect(codes(result)).toContain('FORBIDDEN');
    expect(result.body.data?.[field] ?? null).toBeNull();
    expect(result.text).not.toMatch(/Brierley|Harold/);
  });

  it('see who read their record, one access per request, newest first and paged', async () => {
    const nino = SHOWCASE.noAwards.nino;
    const read = 'query CaseworkerView($nino: NINO!) { citizen(nino: $nino) { name { fullName } currentAddress { postcode } bankAccount { sortCode } } }';
    for (const purpose of ['CASE-HIST-7', 'CASE-HIST-8']) {
      expect((await system.graphql(read, { nino }, await system.as({ role: 'agent' }, purpose))).body.data?.citizen).not.toBeNull();
    }
    const history = `query History($nino: NINO!, $after: String) {
      citizen(nino: $nino) { accessHistory(first: 1, after: $after) { accesses { organisation role at purpose } hasNextPage endCursor } }
    }`;
    const headers = await system.as({ role: 'citizen', nino });
    const first = await system.graphql(history, { nino }, headers);
    expect(first.body.errors).toBeUndefined();
    const firstPage = first.body.data?.citizen.accessHistory;
    expect(firstPage).toMatchObject({ accesses: [{ organisation: 'DWP', role: 'agent', purpose: 'CASE-HIST-8' }], hasNextPage: true });
    expect(new Date(firstPage.accesses[0].at).getTime()).toBeLessThanOrEqual(Date.now());

    const second = await system.graphql(history, { nino, after: firstPage.endCursor }, headers);
    expect(second.body.data?.citizen.accessHistory).toMatchObject({ accesses: [{ organisation: 'DWP', role: 'agent', purpose: 'CASE-HIST-7' }], hasNextPage: false });
  });
});

describe('partners', () => {
  const nino = SHOWCASE.ucFamily.nino;
  const nhs = () => system.as({ role: 'partner', org: 'NHS', scopes: ['check:prescription-exemption'] });

  it('run a persisted check their token names and get the answer, with no personal field', async () => {
    const result = await system.persisted('PrescriptionExemptionCheck', { nino }, await nhs());
    expect(result.body.errors).toBeUndefined();
    expect(Object.keys(result.body.data ?? {})).toEqual(['prescriptionExemption']);
    expect(Object.keys(result.body.data?.prescriptionExemption).sort()).toEqual(['checkedAt', 'eligible', 'reference']);
    expect(result.body.data?.prescriptionExemption.eligible).toBe(true);
  });

  it('are refused a persisted check their token does not name: FORBIDDEN and no answer', async () => {
    const result = await system.persisted('VehicleTaxExemptionCheck', { nino }, await nhs());
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.body.data).toEqual({ vehicleTaxExemption: null });
  });

  it.each([
    ['a query of their own', JSON.stringify({ query: 'query { citizen(nino: "SC200081A") { name { fullName } } }' }), 'PERSISTED_QUERY_REQUIRED'],
    ['the text of a persisted check without its id', JSON.stringify({ query: 'query PrescriptionExemptionCheck($nino: NINO!) { prescriptionExemption(nino: $nino) { eligible } }', variables: { nino: 'SC200081A' } }), 'PERSISTED_QUERY_REQUIRED'],
    ['an unknown id', JSON.stringify({ variables: { nino: 'SC200081A' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }), 'PERSISTED_QUERY_NOT_FOUND'],
    ['introspection', JSON.stringify({ query: '{ __schema { types { name } } }' }), 'PERSISTED_QUERY_REQUIRED'],
  ])('are refused %s with 400 and no data', async (_case, body, code) => {
    const result = await system.post(system.gatewayUrl, body, await nhs());
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual([code]);
    expect(result.body.data).toBeUndefined();
  });

  it('own the checks: a caseworker running one is FORBIDDEN', async () => {
    const result = await system.persisted('PrescriptionExemptionCheck', { nino }, await system.as({ role: 'agent' }, 'CASE-1'));
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.body.data).toEqual({ prescriptionExemption: null });
  });
});

describe('schema introspection', () => {
  const INTROSPECTION = ['{ __schema { queryType { name } } }', '{ __type(name: "Citizen") { fields { name } } }'];

  it.each(INTROSPECTION)('is open to analysts: %s', async (query) => {
    const result = await system.graphql(query, {}, await system.as({ role: 'analyst' }));
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
  });

  it.each([
    ['a caseworker', { role: 'agent' as const }, 'CASE-1'],
    ['a citizen', { role: 'citizen' as const, nino: SHOWCASE.pipClaimant.nino }, undefined],
    ['an auditor', { role: 'auditor' as const }, undefined],
  ])('is FORBIDDEN (403) to %s, however it is asked', async (_case, mint, purpose) => {
    const headers = await system.as(mint, purpose);
    for (const query of [...INTROSPECTION, 'query { ...Sneaky } fragment Sneaky on Query { __schema { types { name } } }']) {
      const result = await system.graphql(query, {}, headers);
      expect(result.status).toBe(403);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.body.data).toBeUndefined();
    }
    expect((await system.graphql('{ __typename }', {}, headers)).body.data).toEqual({ __typename: 'Query' });
  });

  it('does not give analysts citizen data without a declared purpose', async () => {
    const without = await system.graphql(NAME_AND_BANK, { nino: SHOWCASE.pensionerCouple.nino }, await system.as({ role: 'analyst' }));
    expect(codes(without)).toEqual(['FORBIDDEN']);
    expect(without.body.data).toEqual({ citizen: null });
    const withPurpose = await system.graphql(NAME_AND_BANK, { nino: SHOWCASE.pensionerCouple.nino }, await system.as({ role: 'analyst' }, 'STUDY-2026-04'));
    expect(withPurpose.body.data?.citizen.name.fullName).toMatch(/Brierley/);
  });
});

describe('subgraphs', () => {
  const SERVICE = JSON.stringify({ query: '{ _service { sdl } }' });
  const ENTITIES = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { nino } } }',
    variables: { r: [{ __typename: 'Citizen', nino: SHOWCASE.pensionerCouple.nino }] },
  });
  const forged = () =>
    createInternalTokenSigner({ secret: 'not the gateway secret, though just as long' }).sign({
      subject: 'intruder', role: 'auditor', organisation: 'DWP', scopes: new Set(['audit:read', 'citizen:read', 'bank:full']), purpose: 'CASE-1', requestId: 'forged',
    });
  const callers: Array<[string, () => Promise<Record<string, string>>]> = [
    ['no token', async () => ({})],
    ['an internal token signed with another secret', async () => ({ authorization: `Bearer ${await forged()}` })],
    ['a caller\'s own JWT', () => system.as({ role: 'agent', scopes: ['bank:full'] }, 'CASE-1')],
  ];

  it.each(callers)('answer a direct call with %s by 401 and no data, for _service and _entities alike', async (_case, headers) => {
    for (const name of SUBGRAPH_NAMES) {
      for (const body of [SERVICE, ENTITIES]) {
        const result = await system.post(system.system.subgraphs[name]!.url, body, await headers());
        expect(result.status, name).toBe(401);
        expect(codes(result)).toEqual(['UNAUTHENTICATED']);
        expect(result.body.data).toBeUndefined();
        expect(result.text).not.toMatch(/type Citizen|SC100021A/);
      }
    }
  });

  it('decide restriction from CIS, not from a representation that claims `restricted: false`', async () => {
    // Even someone holding the gateway's own secret (an insider, or a compromised gateway) cannot unlock an address by shaping the entity.
    const signer = createInternalTokenSigner({ secret: await internalTokenSecret(system.system.config) });
    const token = await signer.sign({ subject: 'caseworker-9', role: 'agent', organisation: 'DWP', scopes: new Set(['citizen:read']), purpose: 'CASE-1', requestId: 'forged-representation' });
    const ask = (nino: string) =>
      system.post(
        system.system.subgraphs.address!.url,
        JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { currentAddress { postcode } addressHistory { address { postcode } } } } }',
          variables: { r: [{ __typename: 'Citizen', nino, restricted: false }] },
        }),
        { authorization: `Bearer ${token}` },
      );
    const restricted = system.system.estate!.population.byNino(SHOWCASE.restrictedRecord.nino)!;
    const home = restricted.addresses.find((spell) => spell.end === null && spell.type === 'RES')!.address.postcode;

    const forged = await ask(SHOWCASE.restrictedRecord.nino);
    expect(forged.status).toBe(200);
    expect(forged.body.errors).toBeUndefined();
    expect(forged.body.data).toEqual({ _entities: [{ currentAddress: null, addressHistory: [] }] });
    expect(forged.text).not.toContain(home);
    // The same call shows an open record's address, so the refusal above is the restriction at work.
    const open = await ask(SHOWCASE.pensionerCouple.nino);
    expect(open.body.data?._entities[0].currentAddress.postcode).toMatch(/^LS8 /);
  });
});
