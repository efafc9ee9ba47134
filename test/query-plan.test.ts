import { readFileSync } from 'node:fs';
// The gateway's own planner (declared at the versions @apollo/gateway brings), to prove the plan's shape without timing anything.
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { Kind, parse, print, visit, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, SYSTEM_IDS } from '../legacy-estate/index.ts';
import { loadSupergraph } from '../gateway/supergraph.ts';
import { laterLevels, sequentialLevels } from '../gateway/plan-levels.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/** The README's whole-citizen query, exactly as a reader would copy it. */
function readmeWholeCitizen(): DocumentNode {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const query = /^query WholeCitizen \{$[\s\S]*?^\}$/m.exec(readme)?.[0];
  if (!query) throw new Error('README has no WholeCitizen query');
  return parse(query);
}

/** The same query without the household (`relationships { ... citizen { ... } }`). */
function withoutHousehold(document: DocumentNode): DocumentNode {
  return visit(document, { Field: (field) => (field.name.value === 'relationships' ? null : undefined) });
}

function fetchesTo(node: QueryPlan['node'] | PlanNode): string[] {
  if (node === undefined) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return fetchesTo(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesTo);
    default:
      throw new Error(`unexpected plan node ${node.kind}`);
  }
}

describe('the query plan for the whole citizen (README "WholeCitizen")', () => {
  const supergraph = Supergraph.build(loadSupergraph());
  const planner = new QueryPlanner(supergraph);
  const planOf = (document: DocumentNode) => planner.buildQueryPlan(operationFromDocument(supergraph.schema, document)).node;
  const household = readmeWholeCitizen();

  it('reads the query from the README, household included', () => {
    expect(print(household)).toMatch(/relationships \{[^]*citizen \{[^]*awards/);
    expect(print(withoutHousehold(household))).not.toContain('relationships');
    expect(household.definitions[0]?.kind).toBe(Kind.OPERATION_DEFINITION);
  });

  it('is 1 level without the household: every subgraph that serves part of the citizen at once', () => {
    const plan = planOf(withoutHousehold(household));
    expect(sequentialLevels(plan)).toBe(1);
    expect(fetchesTo(plan).sort()).toEqual(['address', 'awards', 'bank', 'identity']);
  });

  it('is 2 levels with the household: its members\' records once relationships has named them', () => {
    const plan = planOf(household);
    expect(sequentialLevels(plan)).toBe(2);
    expect(fetchesTo(plan).sort()).toEqual(['address', 'awards', 'awards', 'bank', 'identity', 'identity', 'relationships']);
  });

  it('tells each fetch how many levels wait for it, so the deadline keeps time back for them', () => {
    const levels = laterLevels(planner.buildQueryPlan(operationFromDocument(supergraph.schema, household)));
    const bySubgraph = [...levels].map(([operation, later]) => `${/__([a-z]+)__\d+/.exec(operation)![1]}:${later}`).sort();
    // Every part of the citizen at once, relationships among them; then the household's identity and awards.
    expect(bySubgraph).toEqual(['address:0', 'awards:0', 'awards:0', 'bank:0', 'identity:0', 'identity:0', 'relationships:1']);
  });
});

/**
 * Subgraphs in the gateway's process share the request's legacy answers, so the person record
 * identity, awards and address each read is asked for once per level; subgraphs elsewhere (over
 * HTTP) each ask for themselves.
 */
describe.each([
  { transport: 'in-process', personEnquiries: 2 },
  { transport: 'http', personEnquiries: 4 },
] as const)('legacy calls for one whole citizen with household, each system 20 ms away, subgraphs $transport', ({ transport, personEnquiries }) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ POPULATION_SIZE: '200' }, { subgraphTransport: transport });
    for (const id of SYSTEM_IDS) await system.setFaults(id, { latencyMs: 20 });
  });
  afterAll(() => system?.close());

  it('costs each legacy system only the calls its data needs', async () => {
    const { partnerNino, appointeeNino } = SHOWCASE.pensionerCouple;
    await system.resetStats();

    const result = await system.graphql(print(readmeWholeCitizen()));
    expect(result.body.errors).toBeUndefined();
    const members = result.body.data!.citizen.relationships.map((relationship: { citizen: { nino: string; awards: unknown[] } }) => relationship.citizen);
    expect(members.map((member: { nino: string }) => member.nino).sort()).toEqual([partnerNino, appointeeNino]);
    for (const member of members) expect(member.awards.length).toBeGreaterThan(0);

    const stats = await system.stats();
    expect(stats.cis.operations).toEqual({
      // identity for Harold, then for his household; awards for Harold's date of death (his
      // payment schedules need it, the household's bare award list does not); address for
      // Harold's restriction (the caseworker cannot see restricted records). In one process,
      // Harold's record once for the three, the household's once.
      persons: personEnquiries,
      addresses: 1,
      relationships: 1,
      // Harold, then his household in one batch.
      awards: 2,
      history: 0,
      update: 0,
      trace: 0,
    });
    expect(stats.uc.requests).toBe(2);
    // One NINO per call: Harold, Margaret and Susan.
    expect(stats.pscs.requests).toBe(3);
    expect(stats.disability.requests).toBe(3);
    expect(stats.payments.requests).toBe(1);
    expect(stats.postcodes.requests).toBe(0);
  });
});
