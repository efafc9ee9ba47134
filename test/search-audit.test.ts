import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

interface Entry {
  citizens: string[];
  fields: string[];
  criteria: string | null;
  purpose: string | null;
  outcome: string;
}

let system: TestSystem;
let auditor: Record<string, string>;
beforeAll(async () => {
  system = await startTestSystem({ POPULATION_SIZE: '200' });
  auditor = await system.as({ role: 'auditor', subject: 'auditor-searches' });
});
afterAll(() => system?.close());

async function entriesOf(actor: string): Promise<Entry[]> {
  const result = await system.graphql('query ($actor: String) { auditLog(actor: $actor) { entries { citizens fields criteria purpose outcome } } }', { actor }, auditor);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.auditLog.entries;
}

const TRACE = 'query Trace($familyName: String!, $dateOfBirth: Date!, $postcode: Postcode) { traceCitizen(familyName: $familyName, dateOfBirth: $dateOfBirth, postcode: $postcode) { matches { score matchedOn } } }';

describe('every search is audited, hits or not', () => {
  it('records a trace that selects only scores with its criteria as given, the purpose, and the citizens it matched', async () => {
    const caseworker = await system.as({ role: 'agent', subject: 'caseworker-trace-scores' }, 'CASE-TRACE-1');
    const criteria = { familyName: 'Brearley', dateOfBirth: '1946-03-12' };
    const result = await system.graphql(TRACE, criteria, caseworker);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.traceCitizen.matches.length).toBeGreaterThan(0);
    const [entry] = await entriesOf('caseworker-trace-scores');
    expect(entry).toMatchObject({ purpose: 'CASE-TRACE-1', outcome: 'ALLOWED', citizens: [SHOWCASE.pensionerCouple.nino] });
    expect(JSON.parse(entry!.criteria!)).toEqual([{ field: 'identity.Query.traceCitizen', args: criteria }]);
  });

  it('records a trace that matches nobody, so confirming who is not there is not unseen either', async () => {
    const caseworker = await system.as({ role: 'agent', subject: 'caseworker-trace-nobody' }, 'CASE-TRACE-2');
    const criteria = { familyName: 'Nobodyatall', dateOfBirth: '1901-01-01', postcode: 'LS1 4AP' };
    const result = await system.graphql(TRACE, criteria, caseworker);
    expect(result.body.data!.traceCitizen.matches).toEqual([]);
    const [entry] = await entriesOf('caseworker-trace-nobody');
    expect(entry).toMatchObject({ citizens: [], outcome: 'ALLOWED' });
    expect(JSON.parse(entry!.criteria!)[0]).toMatchObject({ field: 'identity.Query.traceCitizen', args: { familyName: 'Nobodyatall' } });
  });

  it('records an auditor\'s own searches by actor and by time range', async () => {
    const watcher = await system.as({ role: 'auditor', subject: 'auditor-watched' });
    await system.graphql('{ auditLog(actor: "someone-else") { hasNextPage } }', {}, watcher);
    await system.graphql('{ auditLog(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { hasNextPage } }', {}, watcher);
    const entries = await entriesOf('auditor-watched');
    // Newest first; arguments the schema defaults (the page size) are recorded as applied.
    expect(entries.map((entry) => JSON.parse(entry.criteria!)[0].args)).toEqual([
      expect.objectContaining({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }),
      expect.objectContaining({ actor: 'someone-else' }),
    ]);
  });
});
