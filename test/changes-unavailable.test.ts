import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { freePort } from '../platform/http/index.ts';
import { COMPONENTS } from '../bin/start-system.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

const RHYS = SHOWCASE.pipClaimant.nino;
let system: TestSystem;

beforeAll(async () => {
  // Everything but the changes subgraph, which the gateway looks for where nothing listens: that service is down.
  const components = COMPONENTS.filter((component) => component !== 'changes' && component !== 'delivery');
  system = await startTestSystem({ CHANGES_URL: `http://127.0.0.1:${await freePort()}/graphql` }, { components });
});
afterAll(async () => {
  await system?.close();
});

describe('the changes service down', () => {
  it('costs the citizen their changes, timeline and reviews, labelled, and never the rest of the record', async () => {
    const result = await system.graphql(`query { citizen(nino: "${RHYS}") { nino name { fullName } awards { benefit } changes { id } reviewTasks { id } events(first: 5) { edges { node { kind } } } } }`);
    expect(result.body.data?.citizen).toMatchObject({ nino: RHYS, name: { fullName: 'Mr Rhys Llewellyn' }, changes: null, reviewTasks: null, events: null });
    expect(result.body.data?.citizen?.awards.length).toBeGreaterThan(0);
    expect(result.body.errors?.map((error) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
    expect(result.text).not.toContain('127.0.0.1');
  });
});
