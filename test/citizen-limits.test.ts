import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/** Well-formed NINOs nobody need hold: the limit counts what a request names, not who exists. */
const ninosFrom = (start: number, count: number) => Array.from({ length: count }, (_, index) => `JK${String(start + index).padStart(6, '0')}C`);
const legacyCalls = async (system: TestSystem) => Object.values(await system.stats()).reduce((sum, counts) => sum + counts.requests, 0);
const codes = (result: GraphQLResult) => (result.body.errors ?? []).map((error) => error.extensions?.code);

const HOUSEHOLD = /* GraphQL */ `
  query Household($nino: NINO!) {
    citizen(nino: $nino) {
      nino name { fullName }
      relationships { citizen { nino name { fullName } relationships { citizen { nino name { fullName } } } } }
    }
  }
`;

let system: TestSystem;
let auditor: Record<string, string>;
beforeAll(async () => {
  // A budget smaller than the UC family (five people), so reaching past it is quick to show.
  system = await startTestSystem({ POPULATION_SIZE: '200', CITIZEN_BUDGET_PER_REQUEST: '4' });
  auditor = await system.as({ role: 'auditor', subject: 'auditor-limits' });
});
afterAll(() => system?.close());
beforeEach(() => system.resetStats());

async function auditedBy(actor: string): Promise<Array<{ citizens: string[]; deniedFields: string[]; outcome: string }>> {
  const result = await system.graphql('query ($actor: String) { auditLog(actor: $actor) { entries { citizens deniedFields outcome } } }', { actor }, auditor);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.auditLog.entries;
}

describe('the citizens one request may name', () => {
  it.each([
    ['15 aliases of a 100-citizen caseload', `{ ${Array.from({ length: 15 }, (_, alias) => `c${alias}: citizens(ninos: [${ninosFrom(alias * 100, 100).map((nino) => `"${nino}"`).join(', ')}]) { nino }`).join(' ')} }`, {}],
    ['two caseloads of 60 passed as variables', 'query ($a: [NINO!]!, $b: [NINO!]!) { a: citizens(ninos: $a) { nino } b: citizens(ninos: $b) { nino } }', { a: ninosFrom(0, 60), b: ninosFrom(60, 60) }],
    ['two caseloads of 60 in two fragments', `query { ...Some ...Others } fragment Some on Query { a: citizens(ninos: [${ninosFrom(0, 60).map((nino) => `"${nino}"`).join(', ')}]) { nino } } fragment Others on Query { b: citizens(ninos: [${ninosFrom(60, 60).map((nino) => `"${nino}"`).join(', ')}]) { nino } }`, {}],
  ])('refuses %s with TOO_MANY_CITIZENS before any legacy call, and audits the attempt', async (_case, query, variables) => {
    const subject = `caseworker-limits-${_case.length}`;
    const result = await system.graphql(query, variables, await system.as({ role: 'agent', subject }, 'CASE-LIMITS'));
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['TOO_MANY_CITIZENS']);
    expect(result.body.data ?? null).toBeNull();
    expect(await legacyCalls(system)).toBe(0);
    const [entry] = await auditedBy(subject);
    expect(entry).toMatchObject({ outcome: 'DENIED', deniedFields: ['gateway.TOO_MANY_CITIZENS'] });
    expect(entry!.citizens.length).toBeGreaterThan(100);
  });

  it('audits a request stopped by a query limit as a DENIED attempt on the citizens it named', async () => {
    const named = ninosFrom(7_000, 20);
    const result = await system.graphql(`{ ${named.map((nino, index) => `c${index}: citizen(nino: "${nino}") { nino }`).join(' ')} }`, {}, await system.as({ role: 'agent', subject: 'caseworker-aliases' }, 'CASE-ALIASES'));
    expect(result.status).toBe(400);
    expect(await legacyCalls(system)).toBe(0);
    const [entry] = await auditedBy('caseworker-aliases');
    expect(entry).toMatchObject({ outcome: 'DENIED', citizens: named });
    expect(entry!.deniedFields).toEqual([`gateway.${codes(result)[0]}`]);
  });

  it('answers 100 distinct citizens however they are spread, counting a repeated citizen once', async () => {
    const ninos = ninosFrom(5_000, 100);
    const result = await system.graphql('query ($a: [NINO!]!, $b: [NINO!]!) { a: citizens(ninos: $a) { nino } b: citizens(ninos: $b) { nino } }', { a: ninos.slice(0, 60), b: [...ninos.slice(40, 100)] });
    expect(codes(result).every((code) => code === 'CITIZEN_NOT_FOUND')).toBe(true);
    expect(result.body.data!.a).toHaveLength(60);
  });
});

describe('the citizens one request may reach', () => {
  it('stops at the budget however deep the household goes: citizens past it are null with TOO_MANY_CITIZENS', async () => {
    const result = await system.graphql(HOUSEHOLD, { nino: SHOWCASE.ucFamily.nino }, await system.as({ role: 'agent', subject: 'caseworker-budget' }, 'CASE-BUDGET'));
    expect(result.body.data!.citizen.name.fullName).toMatch(/Okoro/);
    expect(codes(result)).toContain('TOO_MANY_CITIZENS');
    const served = new Set<string>();
    const walk = (citizen: { nino: string; name?: unknown; relationships?: Array<{ citizen: unknown }> } | null) => {
      if (!citizen) return;
      if (citizen.name) served.add(citizen.nino);
      for (const relationship of citizen.relationships ?? []) walk(relationship.citizen as never);
    };
    walk(result.body.data!.citizen);
    expect(served.size).toBeGreaterThan(1);
    expect(served.size).toBeLessThanOrEqual(4);
    const [entry] = await auditedBy('caseworker-budget');
    expect(entry!.citizens.length).toBeLessThanOrEqual(4);
  });

  it('serves a household within the budget whole', async () => {
    const result = await system.graphql(HOUSEHOLD, { nino: SHOWCASE.pensionerCouple.nino });
    expect(result.body.errors).toBeUndefined();
  });
});
