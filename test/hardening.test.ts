import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
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
    expect(result.body.data).toBeUndefined();
  });

  it('answers a query sent by GET with apollo-require-preflight, but never a mutation', async () => {
    const get = (query: string) => system.send(`${system.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers: { ...caseworker, 'apollo-require-preflight': 'true' } });
    expect((await get('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
    const mutation = await get('mutation { __typename }');
    expect([400, 405]).toContain(mutation.status);
    expect(mutation.body.data).toBeUndefined();
  });

  it('answers a mutation sent by POST with a clear 400 (the graph has no mutations), not a 500', async () => {
    const result = await system.graphql('mutation Change { __typename }', {}, caseworker);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.body.errors?.[0]?.message).toMatch(/queries only: it has no mutation type/);
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
  ])('refuses a query that is %s with 400 and a message naming the limit, before any legacy call', async (_case, query, message) => {
    const result = await system.graphql(query, {}, caseworker);
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((error) => error.message).join('\n')).toMatch(message);
    expect(result.body.data).toBeUndefined();
    expect(await legacyCalls()).toBe(0);
  });

  it('answers the same shapes within the limits', async () => {
    for (const query of [nested(4), aliased(QUERY_LIMITS.maxAliases), costly(7)]) {
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

  it('give INTERNAL_SERVER_ERROR with the request id, never the subgraph\'s address, when a subgraph does not answer in time', async () => {
    const result = await withSlowBankSubgraph(() => system.graphql(`query { citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { nino bankAccount { sortCode } } }`, {}, caseworker));
    expect(result.body.data).toEqual({ citizen: { nino: SHOWCASE.pensionerCouple.nino, bankAccount: null } });
    expect(codes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
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
          currentAddress { postcode } bankAccount { accountNumber }
          relationships { citizen { nino name { fullName } } }
        }
      }
    `;
    const ninos = [SHOWCASE.pensionerCouple.nino, SHOWCASE.ucFamily.nino, SHOWCASE.restrictedRecord.nino, SHOWCASE.pipClaimant.nino];
    const read = await system.graphql(WHOLE, { ninos }, caseworker);
    expect(read.body.errors).toBeUndefined();
    // The same reads failing in every way a log line is likely: a legacy outage, a refusal, bad input, an unknown citizen.
    await system.setFaults('cis', { outage: true });
    await system.graphql(WHOLE, { ninos }, caseworker);
    await system.setFaults('cis', {});
    await system.graphql(WHOLE, { ninos }, await system.as({ role: 'citizen', nino: SHOWCASE.noAwards.nino }));
    await system.graphql(WHOLE, { ninos: [...ninos, 'AB999999D', 'NOT A NINO'] }, caseworker);
    await system.graphql(`query { citizen(nino: "${ninos[0]}") { nam } }`, {}, caseworker);
    // An unexpected error is logged with its detail: the NINO is in the query text here.
    await withSlowBankSubgraph(() => system.graphql(`query { citizen(nino: "${ninos[0]}") { bankAccount { accountNumber } } }`, {}, caseworker));

    const people = read.body.data!.citizens as Array<Record<string, any>>;
    const personal = people.flatMap((person) => [
      person.nino,
      person.nino.replace(/^(..)(..)(..)(..)(.)$/, '$1 $2 $3 $4 $5'),
      person.dateOfBirth,
      person.name.givenName,
      person.name.familyName,
      person.name.fullName,
      person.currentAddress?.postcode,
      person.bankAccount?.accountNumber,
      ...person.relationships.map((relationship: { citizen: { nino: string; name: { fullName: string } } }) => relationship.citizen.name.fullName),
    ]).filter((value): value is string => typeof value === 'string');
    expect(personal.length).toBeGreaterThan(20);
    // The capture works: the unexpected failure above was logged.
    expect(logText).toContain('unexpected gateway error');
    for (const value of personal) expect(logText, `the log contains ${value.length}-character personal value`).not.toContain(value);
  });
});
