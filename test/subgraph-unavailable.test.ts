import { describe, expect, it } from 'vitest';
import { COMPONENTS, type Component } from '../bin/start-system.ts';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { freePort } from '../platform/http/index.ts';
import { startTestSystem } from './harness.ts';

const RHYS = SHOWCASE.pipClaimant.nino;
const WHOLE = `query { citizen(nino: "${RHYS}") { nino name { fullName } awards { benefit } bankAccount { masked } changes { id } reviewTasks { id } events(first: 5) { edges { node { kind } } } } }`;

/** A system without one subgraph, which the gateway looks for where nothing listens: that service is down. */
async function withoutSubgraph(name: Component) {
  const components = COMPONENTS.filter((component) => component !== name && component !== 'delivery');
  return startTestSystem({ [`${name.toUpperCase()}_URL`]: `http://127.0.0.1:${await freePort()}/graphql` }, { components });
}

describe('a subgraph that cannot answer costs only its own part of the citizen', () => {
  it.each<[Component, Record<string, null>, string]>([
    ['changes', { changes: null, reviewTasks: null, events: null }, 'awards'],
    ['awards', { awards: null }, 'changes'],
  ])('%s down: its fields null with SUBGRAPH_UNAVAILABLE, the rest of the record served', async (down, missing, served) => {
    await using system = await withoutSubgraph(down);
    const result = await system.graphql(WHOLE);
    expect(result.body.data?.citizen).toMatchObject({ nino: RHYS, name: { fullName: 'Mr Rhys Llewellyn' }, bankAccount: { masked: true }, ...missing });
    expect(result.body.data?.citizen?.[served]).not.toBeNull();
    expect(result.body.errors?.map((error) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
    expect(result.text).not.toContain('127.0.0.1');
  });
});
