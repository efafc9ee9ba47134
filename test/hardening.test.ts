import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOWCASE, SYSTEM_IDS } from '../legacy-estate/index.ts';
import { HOSTILE_INPUTS } from '../platform/domain/hostile-inputs.fixture.ts';
import { QUERY_LIMITS } from '../gateway/hardening.ts';
import { createLogger } from '../platform/logging/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/** Everything the system logs, at debug level, for the personal-data check at the end. */
let logText = '';
const logDestination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText += chunk.toString('utf8');
    done();
  },
});

let system: TestSystem;
let caseworker: Record<string, string>;
beforeAll(async () => {
  const logger = createLogger({ level: 'debug', name: 'hardening-test', destination: logDestination });
  // A subgraph timeout the slow-subgraph case below can exceed while every legacy call still
  // answers, and a request deadline longer than it, so the subgraph is still waiting when the
  // gateway gives up.
  system = await startTestSystem({ SUBGRAPH_TIMEOUT_MS: '2000', REQUEST_DEADLINE_MS: '8000', LEGACY_HEADERS_TIMEOUT_MS: '8000', LEGACY_BODY_TIMEOUT_MS: '8000' }, { logger });
  caseworker = await system.as({ role: 'agent', scopes: ['bank:full', 'records:restricted'] }, 'CASE-0001');
});
afterAll(() => system?.close());
beforeEach(() => system.resetStats());

const HARMLESS = JSON.stringify({ query: '{ __typename }' });

function codes(result: GraphQLResult): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}

/** Runs `work` while the payments system answers later than the gateway waits for the bank subgraph. */
async function withSlowBankSubgraph<T>(work: () => Promise<T>): Promise<T> {
  await system.setFaults('payments', { latencyMs: 2_500 });
  try {
    return await work();
  } finally {
    await system.setFaults('payments', {});
  }
}

async function legacyCalls(): Promise<number> {
  return Object.values(await system.stats()).reduce((sum, system) => sum + system.requests, 0);
}

describe('the HTTP layer', () => {
  it.each([
    ['with a content-length over the limit', () => JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(200_000) } })],
    ['sent chunked, with no content-length', () => Readable.from([HARMLESS.slice(0, -1), `, "variables": { "padding": "${'x'.repeat(200_000)}" } }`])],
  ])('refuses a body over 100 kB %s with 413', async (_case, body) => {
    const result = await system.send(system.gatewayUrl, { method: 'POST', body: body(), headers: { ...caseworker, 'content-type': 'application/json' } });
    expect(result.status).toBe(413);
    expect(codes(result)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it.each([
    ['another issuer', { iss: 'https://elsewhere.test' }, /issuer \("iss"\) is not accepted by this gateway/],
    ['another audience', { aud: 'another-api' }, /audience \("aud"\) is not this gateway/],
    ['an expiry in the past', { exp: Math.floor(Date.now() / 1000) - 600 }, /has expired/],
  ])('refuses a token with %s with 401 and says why', async (_case, claims, message) => {
    const { config } = system.system;
    const now = Math.floor(Date.now() / 1000);
    const token = await system.signToken({ iss: config.auth.issuer, aud: config.auth.audience, sub: 'caseworker-1', role: 'agent', org: 'DWP', iat: now, exp: now + 300, ...claims });
    const result = await system.post(system.gatewayUrl, HARMLESS, { authorization: `Bearer ${token}`, 'x-purpose': 'CASE-0001' });
    expect(result.status).toBe(401);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.body.errors?.[0]?.message).toMatch(message);
  });

  it('marks every GraphQL answer, refusals included, as not to be stored by a browser or proxy', async () => {
    const answered = await system.post(system.gatewayUrl, JSON.stringify({ query: `{ citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { name { fullName } } }` }), caseworker);
    const refused = await system.post(system.gatewayUrl, HARMLESS, {});
    expect(answered.body.data).toMatchObject({ citizen: { name: { fullName: expect.any(String) } } });
    expect(refused.status).toBe(401);
    expect([answered.headers['cache-control'], refused.headers['cache-control']]).toEqual(['no-store', 'no-store']);
  });

  it('sends each answer, refusals included, with its length in one piece rather than chunked', async () => {
    const answered = await system.post(system.gatewayUrl, JSON.stringify({ query: `{ citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { name { fullName } } }` }), caseworker);
    const refused = await system.post(system.gatewayUrl, HARMLESS, {});
    for (const result of [answered, refused]) {
      expect(result.headers['transfer-encoding']).toBeUndefined();
      expect(Number(result.headers['content-length'])).toBe(Buffer.byteLength(result.text));
    }
  });

  it('refuses a batch of operations in one body', async () => {
    const batch = JSON.stringify([{ query: `{ citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { nino } }` }, { query: '{ __typename }' }]);
    const result = await system.post(system.gatewayUrl, batch, caseworker);
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(await legacyCalls()).toBe(0);
  });

  it.each([
    ['a GET', { method: 'GET', headers: {} }],
    ['a text/plain POST', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: HARMLESS }],
    ['a form POST', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: HARMLESS }],
  ])('refuses %s that a browser could send cross-site without a preflight (CSRF)', async (_case, request) => {
    const url = request.method === 'GET' ? `${system.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}` : system.gatewayUrl;
    const result = await system.send(url, { ...request, headers: { ...caseworker, ...request.headers } });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    // Whole, down to the headers it tells the caller to send, and quotable like every other error.
    expect(result.body.errors?.[0]?.message).toMatch(/headers: x-apollo-operation-name, apollo-require-preflight$/);
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
    expect(result.body.data).toBeUndefined();
  });

  it.each([
    ['a batch', '[{"query":"{ __typename }"}]'],
    ['a query that is not a string', '{"query":5}'],
    ['variables that are not an object', '{"query":"{ __typename }","variables":5}'],
    ['no query at all', '{"variables":{}}'],
  ])("answers Apollo's refusal of %s with 400 and the request id", async (_case, body) => {
    const result = await system.post(system.gatewayUrl, body, caseworker);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['BAD_REQUEST']);
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
  });

  it.each([
    ['an operationName the document does not hold', { query: 'query A { __typename }', operationName: 'B' }],
    ['two operations and no operationName', { query: 'query A { __typename } query B { __typename }' }],
  ])('answers %s with 400 OPERATION_RESOLUTION_FAILURE, not a 500', async (_case, body) => {
    const result = await system.post(system.gatewayUrl, JSON.stringify(body), caseworker);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
  });

  it('runs the operation operationName names when the document holds several', async () => {
    const result = await system.post(system.gatewayUrl, JSON.stringify({ query: 'query A { a: __typename } query B { b: __typename }', operationName: 'B' }), caseworker);
    expect(result.body).toEqual({ data: { b: 'Query' } });
  });

  it('answers a query sent by GET with apollo-require-preflight, but never a mutation', async () => {
    const get = (query: string) => system.send(`${system.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers: { ...caseworker, 'apollo-require-preflight': 'true' } });
    expect((await get('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
    const mutation = await get('mutation { __typename }');
    expect([400, 405]).toContain(mutation.status);
    expect(mutation.body.data).toBeUndefined();
  });

  it('answers a POSTed mutation the schema does not have with a clear 400, not a 500', async () => {
    const result = await system.graphql('mutation Change { deleteEveryone }', {}, caseworker);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('hostile queries', () => {
  const nino = SHOWCASE.pensionerCouple.nino;
  const nested = (levels: number) => `query { citizen(nino: "${nino}") { ${'relationships { citizen { '.repeat(levels)}nino${' } }'.repeat(levels)} } }`;
  const aliased = (count: number) => `query { ${Array.from({ length: count }, (_, i) => `a${i}: citizen(nino: "${nino}") { nino }`).join(' ')} }`;
  // `last: 26` multiplies the cost of what it selects by 26; each copy costs about 674.
  const costly = (copies: number) =>
    `query { ${Array.from({ length: copies }, (_, i) => `c${i}: citizen(nino: "${nino}") { relationships { citizen { awards { recentPayments(last: 26) { date amount } } } } }`).join(' ')} }`;

  it.each([
    ['too deep', nested(5), /depth limit of 10/],
    ['too many aliases', aliased(QUERY_LIMITS.maxAliases + 1), /Aliases limit of 15/],
    ['too many directives', `query { citizen(nino: "${nino}") { nino ${'@skip(if: false) '.repeat(QUERY_LIMITS.maxDirectives + 1)}} }`, /Directives limit of 10/],
    ['too many tokens', `query { citizen(nino: "${nino}") { ${'nino '.repeat(QUERY_LIMITS.maxTokens)}} }`, /more (than|that) 2000 tokens/],
    ['too costly', costly(8), /Cost limit of 5000/],
    ['too many selections: one field 500 times', `query { citizen(nino: "${nino}") { ${'nino '.repeat(500)}} }`, /Selections limit of 200/],
    ['too many selections through a fragment spread', `query { citizen(nino: "${nino}") { ${'...N '.repeat(101)}} } fragment N on Citizen { nino restricted }`, /Selections limit of 200/],
    ['too many aliases of __typename', `query { ${Array.from({ length: 660 }, (_, i) => `t${i}: __typename`).join(' ')} }`, /Aliases limit of 15/],
    ['a directive flood', `query { __typename ${'@skip(if: false) '.repeat(101)}}`, /Directives limit of 10/],
    ['a directive repeated (graphql-cop)', 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }', /@aa is repeated/],
  ])('refuses a query that is %s with 400 and one error naming the limit, before any legacy call', async (_case, query, message) => {
    const result = await system.graphql(query, {}, caseworker);
    expect(result.status).toBe(400);
    expect(result.body.errors, result.text.slice(0, 500)).toHaveLength(1);
    expect(result.body.errors?.[0]?.message).toMatch(message);
    expect(codes(result)).toEqual([message.source.includes('tokens') ? 'GRAPHQL_PARSE_FAILED' : 'QUERY_LIMIT_EXCEEDED']);
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
    expect(result.body.data).toBeUndefined();
    expect(await legacyCalls()).toBe(0);
  });

  it('counts a page size given as a variable as the value sent (or the variable\'s default), as it counts one written in', async () => {
    // The same costly query as above, its `last: 26` now a variable: a literal would be refused at 8 copies.
    const byVariable = (copies: number, definition = '$n: Int') =>
      `query Costly(${definition}) { ${Array.from({ length: copies }, (_, i) => `c${i}: citizen(nino: "${nino}") { relationships { citizen { awards { recentPayments(last: $n) { date amount } } } } }`).join(' ')} }`;
    for (const [query, variables] of [
      [byVariable(8), { n: 26 }],
      [byVariable(8, '$n: Int = 26'), {}],
    ] as const) {
      const result = await system.graphql(query, variables, caseworker);
      expect(result.status, JSON.stringify(variables)).toBe(400);
      expect(codes(result)).toEqual(['QUERY_LIMIT_EXCEEDED']);
      expect(result.body.errors?.[0]?.message).toMatch(/Cost limit of 5000/);
    }
    expect(await legacyCalls()).toBe(0);
    // Within the limit, and the same document (cached by now) asked with a smaller page.
    for (const [query, variables] of [
      [byVariable(7), { n: 26 }],
      [byVariable(8), { n: 3 }],
    ] as const) {
      const result = await system.graphql(query, variables, caseworker);
      expect(result.status, JSON.stringify(variables)).toBe(200);
      expect(result.body.errors).toBeUndefined();
    }
  });

  it('answers the same shapes within the limits', async () => {
    const selections = `query { ${'__typename '.repeat(QUERY_LIMITS.maxSelections)}}`;
    for (const query of [nested(4), aliased(QUERY_LIMITS.maxAliases), costly(7), selections]) {
      const result = await system.graphql(query, {}, caseworker);
      expect(result.status, query).toBe(200);
      expect(result.body.errors, query).toBeUndefined();
    }
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const result = await system.graphql(`query { citizen(nino: "${nino}") { nino `, {}, caseworker);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses a caseload of more than 100 NINOs with TOO_MANY_CITIZENS, before any legacy call', async () => {
    const ninos = Array.from({ length: 101 }, () => nino);
    const result = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { nino name { fullName } } }', { ninos }, caseworker);
    expect(codes(result)).toEqual(['TOO_MANY_CITIZENS']);
    expect(result.body.data).toBeNull();
    expect(await legacyCalls()).toBe(0);
  });
});

/** A cursor in the form the audit log writes, holding a time no store can compare. */
const CRAFTED_CURSOR = Buffer.from(JSON.stringify(['-271821-04-20T00:00:00.000Z', '3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b'])).toString('base64url');

describe('audit searches', () => {
  it.each([
    ['a year-0 start', '{ auditLog(from: "0000-01-01T00:00:00Z") { entries { id } } }'],
    ['an end past year 9999', '{ auditLog(from: "2026-01-01T00:00:00Z", to: "+275760-09-13T00:00:00Z") { entries { id } } }'],
    ['a cursor holding year -271821', `{ auditLog(citizen: "${SHOWCASE.pensionerCouple.nino}", after: "${CRAFTED_CURSOR}") { entries { id } } }`],
    ['an actor holding a NUL character', '{ auditLog(actor: "caseworker\\u0000") { entries { id } } }'],
  ])("refuse %s with INVALID_ARGUMENT, not the store's failure", async (_case, query) => {
    const result = await system.graphql(query, {}, await system.as({ role: 'auditor' }));
    expect(codes(result), result.text).toEqual(['INVALID_ARGUMENT']);
  });

  it("refuse a crafted cursor to a citizen's own access history with INVALID_ARGUMENT", async () => {
    const nino = SHOWCASE.pipClaimant.nino;
    const result = await system.graphql(`{ citizen(nino: "${nino}") { accessHistory(after: "${CRAFTED_CURSOR}") { hasNextPage } } }`, {}, await system.as({ role: 'citizen', nino }));
    expect(codes(result), result.text).toEqual(['INVALID_ARGUMENT']);
  });
});

describe('errors', () => {
  const INTERNALS = /127\.0\.0\.1|localhost|:\d{4,5}\/|\bat .+:\d+:\d+|\.ts:\d+|stacktrace|node_modules/i;

  it('never carry a stack trace or an internal address, and quote the request id', async () => {
    const nino = SHOWCASE.pensionerCouple.nino;
    const results: GraphQLResult[] = [
      await system.graphql(`query { citizen(nino: "${nino}") { nam } }`, {}, caseworker),
      await system.graphql('query { citizen(nino: "XX123") { nino } }', {}, caseworker),
      await system.graphql('query { citizen(nino: "AB999999D") { nino } }', {}, caseworker),
      await system.graphql(`query { citizen(nino: "${nino}") { nino } }`, {}, await system.as({ role: 'citizen', nino: SHOWCASE.pipClaimant.nino })),
      await system.graphql('query { auditLog(actor: "x", after: "not-a-cursor") { entries { id } } }', {}, await system.as({ role: 'auditor' })),
      await system.send(`${system.gatewayUrl.replace(/\/graphql$/, '')}/nowhere`, { headers: caseworker }),
    ];
    await system.setFaults('pscs', { outage: true });
    results.push(await system.graphql(`query { citizen(nino: "${nino}") { awards { benefit } } }`, {}, caseworker));
    await system.setFaults('pscs', {});
    for (const result of results) {
      expect(result.body.errors?.length, result.text).toBeGreaterThan(0);
      expect(result.text).not.toMatch(INTERNALS);
    }
    for (const result of results.filter((result) => result.status !== 404)) {
      for (const error of result.body.errors ?? []) expect(error.extensions?.requestId, result.text).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('give SUBGRAPH_UNAVAILABLE with the request id, never the subgraph\'s address, when a subgraph does not answer in time', async () => {
    const result = await withSlowBankSubgraph(() => system.graphql(`query { citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { nino bankAccount { sortCode } } }`, {}, caseworker));
    expect(result.body.data).toEqual({ citizen: { nino: SHOWCASE.pensionerCouple.nino, bankAccount: null } });
    expect(codes(result)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(result.body.errors?.[0]?.extensions?.requestId).toBe(result.headers['x-request-id']);
    expect(result.text).not.toMatch(INTERNALS);
  });
});

describe('application logs', () => {
  it('hold no NINO, name, date of birth, postcode or account number of any citizen read, even when reads fail', async () => {
    const WHOLE = /* GraphQL */ `
      query Whole($ninos: [NINO!]!) {
        citizens(ninos: $ninos) {
          nino dateOfBirth name { givenName familyName fullName }
          currentAddress { postcode } bankAccount { sortCode accountNumber }
          relationships { citizen { nino name { fullName } } }
        }
      }
    `;
    // Every showcase citizen: partners, children and appointee included.
    const ninos = Object.values(SHOWCASE).flatMap((household) => Object.values(household).flat()).filter((value) => /^SC\d{6}[A-D]$/.test(value));
    const read = await system.graphql(WHOLE, { ninos }, caseworker);
    expect(read.body.errors).toBeUndefined();
    const people = read.body.data!.citizens as Array<Record<string, any>>;
    // The same reads failing in every way a log line is likely: a legacy outage, a refusal, bad input, an unknown citizen.
    await system.setFaults('cis', { outage: true });
    await system.graphql(WHOLE, { ninos }, caseworker);
    await system.setFaults('cis', {});
    await system.graphql(WHOLE, { ninos }, await system.as({ role: 'citizen', nino: SHOWCASE.noAwards.nino }));
    await system.graphql(WHOLE, { ninos: [...ninos, 'AB999999D', 'NOT A NINO'] }, caseworker);
    await system.graphql(`query { citizen(nino: "${ninos[0]}") { nam } }`, {}, caseworker);
    // A subgraph that does not answer is logged with its cause: the NINO is in the query text here.
    await withSlowBankSubgraph(() => system.graphql(`query { citizen(nino: "${ninos[0]}") { bankAccount { accountNumber } } }`, {}, caseworker));
    // Every legacy system failing, one at a time, under the whole view.
    for (const legacySystem of SYSTEM_IDS) {
      await system.setFaults(legacySystem, { outage: true });
      await system.graphql(WHOLE, { ninos }, caseworker);
      await system.setFaults(legacySystem, {});
    }
    // Audit searches that used to fail inside the store, with the NINO among the query's parameters.
    const auditor = await system.as({ role: 'auditor' });
    for (const nino of ninos) {
      await system.graphql('query($nino: NINO!, $after: String) { auditLog(citizen: $nino, after: $after) { entries { id } } }', { nino, after: CRAFTED_CURSOR }, auditor);
      await system.graphql('query($nino: NINO!, $after: String) { citizen(nino: $nino) { accessHistory(after: $after) { hasNextPage } } }', { nino, after: CRAFTED_CURSOR }, await system.as({ role: 'citizen', nino }));
    }
    await system.graphql('{ auditLog(from: "0000-01-01T00:00:00Z") { entries { id } } }', {}, auditor);
    // Hostile values in every argument that takes personal data, and a trace reaching the subgraph with them.
    const hostile = HOSTILE_INPUTS.map(([, value]) => value).filter((value): value is string => typeof value === 'string' && value.length < 10_000);
    for (const value of [...hostile, `${people[0]!.name.familyName}' OR 1=1 --`]) {
      await system.graphql('query($v: NINO!) { citizen(nino: $v) { nino } }', { v: value }, caseworker);
      await system.graphql('query($v: Postcode!) { addressLookup(postcode: $v) { postcode } }', { v: value }, caseworker);
      await system.graphql('query($v: SortCode!, $a: AccountNumber!) { validateBankDetails(sortCode: $v, accountNumber: $a) { valid } }', { v: value, a: value }, caseworker);
      await system.graphql('query($v: String!) { traceCitizen(familyName: $v, givenName: $v, dateOfBirth: "1946-03-12") { matches { score } } }', { v: value }, caseworker);
    }

    const personal = people.flatMap((person) => [
      person.nino,
      person.nino.replace(/^(..)(..)(..)(..)(.)$/, '$1 $2 $3 $4 $5'),
      person.dateOfBirth,
      person.name.givenName,
      person.name.familyName,
      person.name.fullName,
      person.currentAddress?.postcode,
      person.bankAccount?.accountNumber,
      person.bankAccount?.sortCode,
      ...person.relationships.map((relationship: { citizen: { nino: string; name: { fullName: string } } }) => relationship.citizen.name.fullName),
    ]).filter((value): value is string => typeof value === 'string');
    expect(personal.length).toBeGreaterThan(20);
    // The capture works: the failure above was logged.
    expect(logText).toContain('subgraph call failed');
    for (const value of personal) expect(logText, `the log contains ${value.length}-character personal value`).not.toContain(value);
    // Any NINO at all, not only the ones read.
    expect(logText.match(/\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi) ?? []).toEqual([]);
    // Some 80 requests one after another, eleven of them for 17 whole citizens, and a slow subgraph: 3-7 s, more on a busy CI machine.
  }, 60_000);
});
