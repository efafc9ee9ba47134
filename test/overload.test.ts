import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startSystem, type RunningSystem } from '../bin/start-system.ts';
import { createTestDatabase, type TestDatabase } from '../platform/database/test-databases.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

const NAME = 'query Name($nino: NINO!) { citizen(nino: $nino) { name { fullName } } }';
const nino = SHOWCASE.pensionerCouple.nino;

/** Budgets small enough to exhaust in a test, in a window long enough that it cannot end mid-test. */
const RATE_LIMITS = {
  agent: { perSubject: 3 },
  analyst: { perSubject: 5 },
  partner: { perSubject: 2, perOrganisation: 3 },
};

function expectRefused(result: GraphQLResult, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.body.errors?.[0]?.extensions).toEqual({ code, requestId: result.headers['x-request-id'] });
  expect(result.body.data).toBeUndefined();
}

function retryAfter(result: GraphQLResult): number {
  return Number(result.headers['retry-after']);
}

/** The first `count` answers to arrive, in arrival order. */
function firstAnswers(requests: ReadonlyArray<Promise<GraphQLResult>>, count: number): Promise<GraphQLResult[]> {
  return new Promise((resolve, reject) => {
    const arrived: GraphQLResult[] = [];
    for (const request of requests) {
      request.then((result) => {
        arrived.push(result);
        if (arrived.length === count) resolve([...arrived]);
      }, reject);
    }
  });
}

async function metricsOf(system: TestSystem): Promise<string> {
  return (await system.send(`${system.system.ops!.url}/metrics`)).text;
}

/** Requests the gateway holds, whatever their state (executing, long-running or waiting). */
function inFlight(metrics: string): number {
  return [...metrics.matchAll(/^citizen_graph_requests_in_flight\{state="\w+"\} (\d+)$/gm)].reduce((sum, [, count]) => sum + Number(count), 0);
}

describe('the per-caller rate limit', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ POPULATION_SIZE: '200', RATE_LIMITS: JSON.stringify(RATE_LIMITS), RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => system?.close());

  it("refuses a caseworker's request past the budget with 429, Retry-After and RATE_LIMITED, unrun, while another caseworker is served", async () => {
    const first = await system.as({ role: 'agent', subject: 'agent-over-budget' }, 'CASE-1');
    for (let i = 0; i < RATE_LIMITS.agent.perSubject; i += 1) {
      expect((await system.graphql(NAME, { nino }, first)).body.data?.citizen?.name?.fullName).toBeTruthy();
    }
    await system.resetStats();

    const refused = await system.graphql(NAME, { nino }, first);
    expectRefused(refused, 429, 'RATE_LIMITED');
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    expect((await system.stats()).cis.requests).toBe(0);

    const other = await system.graphql(NAME, { nino }, await system.as({ role: 'agent', subject: 'agent-within-budget' }, 'CASE-2'));
    expect(other.body.data?.citizen?.name?.fullName).toBeTruthy();
    expect((await system.stats()).cis.requests).toBeGreaterThan(0);
  });

  it("applies each role's own budget", async () => {
    const analyst = await system.as({ role: 'analyst', subject: 'analyst-budget' });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.analyst.perSubject; i += 1) statuses.push((await system.graphql('{ __typename }', {}, analyst)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("counts every token of a partner organisation together, so more tokens buy no more requests", async () => {
    const partner = (subject: string) => system.as({ role: 'partner', subject, org: 'NHS-BSA', scopes: ['check:free-school-meals'] });
    const check = async (headers: Record<string, string>) => system.persisted('FreeSchoolMealsCheck', { nino }, headers);
    const [one, two] = [await partner('partner-one'), await partner('partner-two')];
    expect((await check(one)).status).toBe(200);
    expect((await check(one)).status).toBe(200);
    expect((await check(two)).status).toBe(200);
    // partner-two has used one of its own two, but the organisation has used all three.
    const refused = await check(two);
    expectRefused(refused, 429, 'RATE_LIMITED');
    expect(refused.body.errors?.[0]?.message).toMatch(/organisation/);
    // Another organisation is untouched.
    expect((await check(await system.as({ role: 'partner', subject: 'partner-three', org: 'DVLA', scopes: ['check:free-school-meals'] }))).status).toBe(200);
  });

  it('counts refusals in /metrics', async () => {
    const caller = await system.as({ role: 'agent', subject: 'agent-counted' }, 'CASE-3');
    const before = /citizen_graph_load_refusals_total\{code="RATE_LIMITED"\} (\d+)/.exec(await metricsOf(system));
    for (let i = 0; i <= RATE_LIMITS.agent.perSubject; i += 1) await system.graphql(NAME, { nino }, caller);
    const after = /citizen_graph_load_refusals_total\{code="RATE_LIMITED"\} (\d+)/.exec(await metricsOf(system));
    expect(Number(after?.[1])).toBe(Number(before?.[1] ?? 0) + 1);
  });
});

describe('load shedding at the cap on requests in flight', () => {
  const CAP = 2;
  // CIS holds each admitted request this long: the shed answers, the checks made while the cap is
  // full and the metrics read all have to fit inside it, on a busy CI machine too.
  const HELD_MS = 4_000;
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({
      POPULATION_SIZE: '200', MAX_REQUESTS_IN_FLIGHT: String(CAP), OVERLOAD_RETRY_AFTER_SECONDS: '3',
      // Past the hold, so the held calls answer rather than time out.
      LEGACY_HEADERS_TIMEOUT_MS: String(HELD_MS * 2), LEGACY_BODY_TIMEOUT_MS: String(HELD_MS * 2),
    });
  });
  afterAll(() => system?.close());

  it('sheds requests beyond the cap at once with 503, Retry-After and OVERLOADED, while the admitted ones succeed', async () => {
    await system.resetStats();
    await system.graphql(NAME, { nino });
    const callsPerRequest = (await system.stats()).cis.requests;
    await system.setFaults('cis', { latencyMs: HELD_MS });
    await system.resetStats();

    const requests = Array.from({ length: CAP + 4 }, () => system.graphql(NAME, { nino }));
    // The first four answers are the shed ones: back while the admitted two still wait on CIS.
    for (const result of await firstAnswers(requests, 4)) {
      expectRefused(result, 503, 'OVERLOADED');
      expect(retryAfter(result)).toBe(3);
    }
    // Shed before anything else: before the token is checked or the body read.
    expectRefused(await system.post(system.gatewayUrl, JSON.stringify({ query: NAME, variables: { nino } })), 503, 'OVERLOADED');
    expectRefused(await system.post(system.gatewayUrl, JSON.stringify({ query: NAME, padding: 'x'.repeat(200_000) })), 503, 'OVERLOADED');
    // Health and metrics are never shed, even at the cap.
    expect((await system.send(new URL('/health/live', system.gatewayUrl).toString())).status).toBe(200);
    const metrics = await metricsOf(system);
    expect(inFlight(metrics)).toBe(2);
    expect(metrics).toMatch(/citizen_graph_load_refusals_total\{code="OVERLOADED"\} 6\b/);

    const results = await Promise.all(requests);
    expect(results.filter((result) => result.status === 200).map((result) => result.body.data?.citizen?.name?.fullName)).toEqual([expect.any(String), expect.any(String)]);
    expect((await system.stats()).cis.requests).toBe(CAP * callsPerRequest);

    await system.setFaults('cis', { latencyMs: 0 });
    const again = await Promise.all([system.graphql(NAME, { nino }), system.graphql(NAME, { nino })]);
    expect(again.map((result) => result.status)).toEqual([200, 200]);
  });

  it('keeps counting a request whose caller hung up until it has finished executing', async () => {
    await system.setFaults('cis', { latencyMs: HELD_MS });
    const hangUp = new AbortController();
    const headers = { 'content-type': 'application/json', ...(await system.as({ role: 'agent', subject: 'agent-hangs-up' }, 'CASE-4')) };
    const abandoned = request(system.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: NAME, variables: { nino } }), signal: hangUp.signal }).catch(() => 'hung up');
    const waiting = system.graphql(NAME, { nino });
    await vi.waitFor(async () => expect(inFlight(await metricsOf(system))).toBe(2), { timeout: HELD_MS / 2, interval: 10 });

    hangUp.abort();
    expect(await abandoned).toBe('hung up');
    expectRefused(await system.graphql(NAME, { nino }), 503, 'OVERLOADED');

    expect((await waiting).status).toBe(200);
    await system.setFaults('cis', { latencyMs: 0 });
    // Returns as soon as it is released; the bound only has to outlast a busy machine.
    await vi.waitFor(async () => expect(inFlight(await metricsOf(system))).toBe(0), { timeout: 10_000, interval: 10 });
    expect((await system.graphql(NAME, { nino })).status).toBe(200);
  });
});

describe('the rate limit shared through PostgreSQL', () => {
  let database: TestDatabase;
  let system: TestSystem;
  let secondGateway: RunningSystem;
  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = { DATABASE_URL: database.url, RATE_LIMIT_STORE: 'postgres', RATE_LIMITS: JSON.stringify(RATE_LIMITS) };
    system = await startTestSystem({ POPULATION_SIZE: '200', ...shared });
    const { config } = system.system;
    // A second gateway instance in front of the same subgraphs, trusting the same issuer.
    secondGateway = await startSystem({
      env: {
        ...shared,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: config.dataDir,
        ...Object.fromEntries(Object.entries(config.subgraphs).map(([name, subgraph]) => [`${name.toUpperCase()}_URL`, subgraph.url])),
      },
      components: ['gateway'],
      ephemeralPorts: true,
    });
  });
  afterAll(async () => {
    await secondGateway?.close();
    await system?.close();
    await database?.drop();
  });

  it('shares one count between gateway instances', async () => {
    const caller = await system.as({ role: 'agent', subject: 'agent-on-two-gateways' }, 'CASE-1');
    const body = JSON.stringify({ query: NAME, variables: { nino } });
    const viaFirst = () => system.post(system.gatewayUrl, body, caller);
    const viaSecond = () => system.post(secondGateway.gateway!.url, body, caller);
    expect([(await viaFirst()).status, (await viaSecond()).status, (await viaFirst()).status]).toEqual([200, 200, 200]);
    expectRefused(await viaSecond(), 429, 'RATE_LIMITED');
    expectRefused(await viaFirst(), 429, 'RATE_LIMITED');
  });

  it('keeps no caller identity in the shared table', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string }>('SELECT key FROM gateway_rate_limit');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.key).join(' ')).not.toMatch(/agent-on-two-gateways|DWP/);
    } finally {
      await client.end();
    }
  });
});
