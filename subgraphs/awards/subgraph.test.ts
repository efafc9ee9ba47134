import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEstate, SHOWCASE, type Estate } from '../../legacy-estate/index.ts';
import { createAuditLog, type AuditLog } from '../../platform/audit/index.ts';
import { createInternalTokenSigner, createInternalTokenVerifier, PARTNER_CHECKS, type Principal } from '../../platform/auth/index.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openSqlDatabase, type SqlDatabase } from '../../platform/database/index.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/database/test-databases.ts';
import type { RunningServer } from '../../platform/http/index.ts';
import { createLogger } from '../../platform/logging/index.ts';
import { createMetrics } from '../../platform/metrics/index.ts';
import { createSubgraph, type Subgraph } from '../../platform/subgraph/index.ts';
import { createLegacyClients, DEADLINE_HEADER, type LegacyClients } from '../../platform/resilience/index.ts';
import { createAwardsSubgraph } from './index.ts';

const SECRET = 'awards-subgraph-test-secret-at-least-32-bytes';
type Caller = Omit<Principal, 'requestId'>;
const CASEWORKER: Caller = { subject: 'caseworker-7', role: 'agent', organisation: 'DWP', scopes: new Set(['citizen:read']), purpose: 'CASE-2026-0042' };
const PARTNER: Caller = { subject: 'partner-3', role: 'partner', organisation: 'NHSBSA', scopes: new Set(PARTNER_CHECKS.map((check) => `check:${check}`)) };
const UNKNOWN_NINO = 'AB999999D';

let estate: Estate;
let store: TestDatabase;
let database: SqlDatabase;
let audit: AuditLog;
let subgraph: Subgraph;
let server: RunningServer;
let legacy: LegacyClients;
const signer = createInternalTokenSigner({ secret: SECRET });

beforeAll(async () => {
  estate = await startEstate({ port: 0, host: '127.0.0.1', size: 50 });
  store = await createTestDatabase();
  database = openSqlDatabase(store.url);
  audit = await createAuditLog({ database, writerId: 'awards-subgraph-test' });
  // A whole request may take 10 s here, not 2: these tests count legacy calls, and 60 one-at-a-time
  // look-ups on a busy machine must not run out of time. The deadline tests send their own budgets.
  const config = loadConfig({ ESTATE_URL: estate.url, LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '50', REQUEST_DEADLINE_MS: '10000' });
  legacy = createLegacyClients();
  subgraph = await createSubgraph(createAwardsSubgraph(config, { audit, legacy }), {
    logger: createLogger({ level: 'silent', name: 'awards-test' }),
    internalTokens: createInternalTokenVerifier({ secret: SECRET }),
    metrics: createMetrics(),
    citizenBudget: config.citizenBudgetPerRequest,
    requestDeadlineMs: config.requestDeadlineMs,
  });
  server = await subgraph.serve({ port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1_000 });
});
afterAll(async () => {
  await subgraph?.close();
  await legacy?.close();
  await audit?.close();
  await database?.close();
  await store?.drop();
  await estate?.close();
});

interface GraphQLResponse {
  data?: Record<string, any> | null;
  extensions?: Record<string, unknown>;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** The one way these tests call the subgraph: as the gateway would, with a signed internal token for `caller`. */
async function callSubgraph(query: string, variables: Record<string, unknown> = {}, caller: Caller = CASEWORKER, headers: Record<string, string> = {}): Promise<{ body: GraphQLResponse; text: string }> {
  const token = await signer.sign({ ...caller, requestId: randomUUID() });
  const response = await request(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.body.text();
  return { body: JSON.parse(text) as GraphQLResponse, text };
}

const AWARDS = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen {
        awards {
          benefit source status startDate endDate paymentFrequency amount weeklyAmount
          components { kind rate weeklyAmount monthlyAmount }
          nextPayment { date amount }
          recentPayments { date amount }
          assessmentPeriods { start end earnings award paymentDate }
        }
      }
    }
  }
`;

async function awardsOf(nino: string, extra: Record<string, unknown> = {}) {
  const { body } = await callSubgraph(AWARDS, { r: [{ __typename: 'Citizen', nino, ...extra }] });
  return { awards: body.data?._entities[0]?.awards as Array<Record<string, any> | null>, errors: body.errors };
}

async function setFaults(system: string, settings: Record<string, unknown>): Promise<void> {
  const response = await request(`${estate.url}/__faults/${system}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  await response.body.dump();
}

async function withOutage<T>(system: string, run: () => Promise<T>): Promise<T> {
  await setFaults(system, { outage: true });
  try {
    return await run();
  } finally {
    await setFaults(system, { outage: false });
  }
}

const today = () => new Date().toISOString().slice(0, 10);

describe("a citizen's awards", () => {
  it('lists the pensioner\'s State Pension and Pension Credit, live first, with a four-weekly schedule', async () => {
    const { awards, errors } = await awardsOf(SHOWCASE.pensionerCouple.nino);
    expect(errors).toBeUndefined();
    expect(awards.map((award) => [award?.benefit, award?.status])).toEqual([
      ['STATE_PENSION', 'LIVE'],
      ['PENSION_CREDIT', 'LIVE'],
    ]);
    const pension = awards[0]!;
    expect(pension).toMatchObject({ source: 'PSCS', paymentFrequency: 'FOUR_WEEKLY', components: [{ kind: 'BASIC_STATE_PENSION' }] });
    expect(pension.amount).toMatch(/^\d+\.\d{2}$/);
    expect(pension.nextPayment.date > today()).toBe(true);
    const dates = pension.recentPayments.map((payment: { date: string }) => payment.date);
    expect(dates).toHaveLength(3);
    expect(dates[0] <= today()).toBe(true);
    expect(new Date(dates[0]).getTime() - new Date(dates[1]).getTime()).toBe(28 * 86_400_000);
  });

  it('gives a UC claim its assessment periods and elements, and Child Benefit from CIS', async () => {
    const { awards, errors } = await awardsOf(SHOWCASE.ucFamily.partnerNino);
    expect(errors).toBeUndefined();
    expect(awards.map((award) => award?.benefit)).toEqual(['UNIVERSAL_CREDIT', 'CHILD_BENEFIT', 'CHILD_BENEFIT', 'CHILD_BENEFIT']);
    const universalCredit = awards[0]!;
    expect(universalCredit.assessmentPeriods).toHaveLength(6);
    expect(universalCredit.weeklyAmount).toBeNull();
    expect(universalCredit.components.map((component: { kind: string }) => component.kind)).toEqual(expect.arrayContaining(['STANDARD_ALLOWANCE', 'CHILD', 'HOUSING_COSTS']));
    expect(universalCredit.nextPayment.date > today()).toBe(true);
  });

  it('reads the date of death from CIS itself, ignoring one a representation claims', async () => {
    const { awards, errors } = await awardsOf(SHOWCASE.pensionerCouple.nino, { dateOfDeath: '2020-01-01' });
    expect(errors).toBeUndefined();
    for (const award of awards) expect(award?.nextPayment.date > today()).toBe(true);
  });

  it('withholds payment schedules, not the awards, when CIS cannot say whether the citizen has died', async () => {
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    const { awards, errors } = await withOutage('cis', () => awardsOf(SHOWCASE.pensionerCouple.nino));
    // The failed date-of-death read is not repeated for each schedule: as many person reads as award reads.
    const cis = ((await (await request(`${estate.url}/__stats`)).body.json()) as Record<string, { operations: Record<string, number> }>).cis!.operations;
    expect(cis.persons).toBeGreaterThan(0);
    expect(cis.persons).toBe(cis.awards);
    // PSCS still answers for the State Pension; CIS's own Pension Credit summary is the null entry.
    expect(awards.map((award) => award?.benefit ?? null)).toEqual(['STATE_PENSION', null]);
    expect(awards[0]).toMatchObject({ status: 'LIVE', nextPayment: null, recentPayments: null });
    expect(awards[0]!.amount).toMatch(/^\d+\.\d{2}$/);
    const cisFailure = expect.objectContaining({ extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'cis' }) });
    expect(errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining([
        ['_entities', 0, 'awards', 0, 'nextPayment'],
        ['_entities', 0, 'awards', 0, 'recentPayments'],
        ['_entities', 0, 'awards', 1],
      ]),
    );
    expect(errors).toHaveLength(3);
    for (const error of errors ?? []) expect(error).toEqual(cisFailure);
  });

  it('shows the deceased citizen\'s Attendance Allowance as ended, and nothing from PSCS', async () => {
    const { awards, errors } = await awardsOf(SHOWCASE.deceased.nino);
    expect(errors).toBeUndefined();
    expect(awards.map((award) => [award?.benefit, award?.status, award?.nextPayment])).toEqual([['ATTENDANCE_ALLOWANCE', 'ENDED', null]]);
  });

  it('is an empty list for a citizen no system holds an award for', async () => {
    expect(await awardsOf(SHOWCASE.noAwards.nino)).toEqual({ awards: [], errors: undefined });
  });

  it('still lists the other systems\' awards when PSCS is down, with one null entry carrying LEGACY_UNAVAILABLE and the system', async () => {
    const { awards, errors } = await withOutage('pscs', () => awardsOf(SHOWCASE.pensionerCouple.nino));
    expect(awards.map((award) => award?.benefit ?? null)).toEqual(['PENSION_CREDIT', null]);
    expect(errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'awards', 1], extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'pscs' }) })]);
    expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|SC\d{6}/);
  });

  it.each([
    ['without a payment schedule, no CIS person read', 'awards { benefit }', 0],
    ['with one, CIS person reads batched like the award reads', 'awards { benefit nextPayment { date } }', 1],
  ])('asks CIS once per 100 citizens, UC once per 50, and the one-at-a-time systems once per distinct citizen; %s', async (_case, selection, personReads) => {
    const ninos = Array.from({ length: 60 }, (_, index) => `AB${String(100000 + index)}C`);
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    const { body } = await callSubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { ${selection} } } }`, {
      r: [...ninos, ninos[0]].map((nino) => ({ __typename: 'Citizen', nino })),
    });
    expect(body.errors).toBeUndefined();
    const stats = (await (await request(`${estate.url}/__stats`)).body.json()) as Record<string, { operations: Record<string, number> }>;
    expect(stats.cis?.operations).toMatchObject({ awards: 1, persons: personReads });
    expect(stats.uc?.operations.batchGet).toBe(2);
    expect(stats.pscs?.operations.GetPensionAward).toBe(60);
    expect(stats.disability?.operations.claims).toBe(60);
  });

  it.each([-1, 27])('refuses recentPayments(last: %i) with INVALID_ARGUMENT', async (last) => {
    const { body } = await callSubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { awards { recentPayments(last: ${last}) { date } } } } }`, {
      r: [{ __typename: 'Citizen', nino: SHOWCASE.pensionerCouple.nino }],
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('partner eligibility checks', () => {
  const ask = (field: string, nino: string, selection: string, caller: Caller = PARTNER) =>
    callSubgraph(`query ($nino: NINO!) { check: ${field}(nino: $nino) { ${selection} reference checkedAt } }`, { nino }, caller);

  it.each<[string, string, Record<string, unknown>, string]>([
    ['prescriptionExemption', SHOWCASE.ucFamily.nino, { eligible: true }, 'eligible'],
    ['prescriptionExemption', SHOWCASE.pensionerCouple.nino, { eligible: true }, 'eligible'],
    ['prescriptionExemption', SHOWCASE.noAwards.nino, { eligible: false }, 'eligible'],
    ['freeSchoolMeals', SHOWCASE.ucFamily.nino, { eligible: true }, 'eligible'],
    ['healthyStart', SHOWCASE.ucFamily.nino, { eligible: true }, 'eligible'],
    ['healthyStart', SHOWCASE.pipClaimant.nino, { eligible: false }, 'eligible'],
    ['vehicleTaxExemption', SHOWCASE.pipClaimant.nino, { eligible: true, level: 'FULL' }, 'eligible level'],
    ['vehicleTaxExemption', SHOWCASE.ucFamily.nino, { eligible: false, level: 'NONE' }, 'eligible level'],
    ['universalCreditInPayment', SHOWCASE.pipClaimant.nino, { inPayment: true }, 'inPayment'],
    ['universalCreditInPayment', SHOWCASE.pensionerCouple.nino, { inPayment: false }, 'inPayment'],
    ['rightToReside', SHOWCASE.ucFamily.nino, { outcome: 'PASSED', benefit: 'UNIVERSAL_CREDIT', decidedOn: '2023-05-22' }, 'outcome benefit decidedOn'],
    ['rightToReside', SHOWCASE.noAwards.nino, { outcome: 'NOT_ASSESSED', benefit: null, decidedOn: null }, 'outcome benefit decidedOn'],
  ])('%s for %s answers %j', async (field, nino, expected, selection) => {
    const { body, text } = await ask(field, nino, selection);
    expect(body.errors).toBeUndefined();
    expect(body.data?.check).toEqual({ ...expected, reference: expect.stringMatching(/^[0-9a-f-]{36}$/), checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    // The NINO travels back to the gateway only in the access report it audits (never passed on to the caller).
    expect(text.replace(JSON.stringify(body.extensions), '')).not.toContain(nino);
  });

  it('answers an unknown NINO exactly as a citizen without the benefit, so existence never leaks', async () => {
    const unknown = await ask('universalCreditInPayment', UNKNOWN_NINO, 'inPayment');
    const known = await ask('universalCreditInPayment', SHOWCASE.noAwards.nino, 'inPayment');
    // Only the per-check reference and time may differ.
    const answer = (body: GraphQLResponse) => ({ ...body, data: { check: { ...body.data?.check, reference: 'any', checkedAt: 'any' } }, extensions: 'the gateway\'s audit report' });
    expect(answer(unknown.body)).toEqual(answer(known.body));
    expect(unknown.body.data?.check.inPayment).toBe(false);
    expect(unknown.body.data?.check.reference).not.toBe(known.body.data?.check.reference);
  });

  it('answers null with LEGACY_UNAVAILABLE rather than "no" when a system the rule needs is down', async () => {
    const { body } = await withOutage('uc', () => ask('universalCreditInPayment', SHOWCASE.pipClaimant.nino, 'inPayment'));
    expect(body.data?.check).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'uc' });
  });

  it.each<[string, Caller]>([
    ['a partner without that check\'s scope', { ...PARTNER, scopes: new Set(['check:vehicle-tax']) }],
    ['a caseworker', CASEWORKER],
  ])('refuses %s with FORBIDDEN', async (_name, caller) => {
    const { body } = await ask('prescriptionExemption', SHOWCASE.ucFamily.nino, 'eligible', caller);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a malformed NINO with INVALID_NINO', async () => {
    const { body } = await ask('freeSchoolMeals', 'XX123', 'eligible');
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_NINO');
  });
});

describe('the request deadline the gateway sends', () => {
  const ENTITY = { r: [{ __typename: 'Citizen', nino: SHOWCASE.pensionerCouple.nino }] };

  async function legacyCalls(): Promise<number> {
    const response = await request(`${estate.url}/__stats`);
    const stats = (await response.body.json()) as Record<string, { requests: number }>;
    return Object.values(stats).reduce((sum, system) => sum + system.requests, 0);
  }

  it('ends a slow system’s call within the remaining budget, its part LEGACY_TIMEOUT and the rest whole', async () => {
    await setFaults('pscs', { latencyMs: 3_000 });
    try {
      const started = performance.now();
      const { body } = await callSubgraph(AWARDS, ENTITY, CASEWORKER, { [DEADLINE_HEADER]: '300' });
      expect(performance.now() - started).toBeLessThan(300 + 1_500);
      const awards = body.data?._entities[0]?.awards as Array<{ benefit: string } | null>;
      expect(awards.map((award) => award?.benefit ?? null)).toEqual(['PENSION_CREDIT', null]);
      expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'LEGACY_TIMEOUT', system: 'pscs' }) })]);
    } finally {
      await setFaults('pscs', {});
    }
  });

  it('fails every legacy part at once, calling no system, when no budget is left', async () => {
    const before = await legacyCalls();
    const { body } = await callSubgraph(AWARDS, ENTITY, CASEWORKER, { [DEADLINE_HEADER]: '0' });
    expect(body.data?._entities[0]?.awards).toEqual([null, null, null, null, null]);
    expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.system]).sort()).toEqual([
      ['LEGACY_TIMEOUT', 'cis'],
      ['LEGACY_TIMEOUT', 'disability'],
      ['LEGACY_TIMEOUT', 'jsaps'],
      ['LEGACY_TIMEOUT', 'pscs'],
      ['LEGACY_TIMEOUT', 'uc'],
    ]);
    expect(await legacyCalls()).toBe(before);
  });
});
