import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem, type GraphQLResult } from './harness.ts';

/*
 * Every subgraph that serves part of a citizen answers `citizen(nino)` itself, so the gateway
 * asks them all at once. Whether the citizen exists is still CIS's to say, through identity,
 * whatever the caller selects.
 */

const KNOWN = SHOWCASE.pipClaimant.nino;
const UNKNOWN = 'AB999999D';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ POPULATION_SIZE: '200' });
});
afterAll(() => system?.close());

const codesOf = (result: GraphQLResult) => (result.body.errors ?? []).map((error) => [error.extensions?.code, error.path]);

describe('a citizen named at the root, with nothing selected that CIS holds', () => {
  it('is still looked up in CIS, and the answer carries only what was asked', async () => {
    await system.resetStats();
    const result = await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { bankAccount { masked } } }', { nino: KNOWN });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({ citizen: { bankAccount: { masked: true } } });
    expect((await system.stats()).cis.operations.persons).toBe(1);
  });

  it('is null with one CITIZEN_NOT_FOUND when CIS holds nobody with the NINO, though other systems answered', async () => {
    const result = await system.graphql('query($nino: NINO!) { citizen(nino: $nino) { awards { benefit } bankAccount { masked } } }', { nino: UNKNOWN });
    expect(result.body.data).toEqual({ citizen: null });
    expect(codesOf(result)).toEqual([['CITIZEN_NOT_FOUND', ['citizen']]]);
  });

  it.each([
    ['an inline fragment', 'query($nino: NINO!) { ... on Query { citizen(nino: $nino) { awards { benefit } } } }'],
    ['a named fragment', 'query($nino: NINO!) { ...Awards } fragment Awards on Query { citizen(nino: $nino) { awards { benefit } } }'],
    ['a fragment within a fragment', 'query($nino: NINO!) { ...Outer } fragment Outer on Query { ...Awards } fragment Awards on Query { citizen(nino: $nino) { awards { benefit } } }'],
  ])('is looked up in CIS when named in %s', async (_case, query) => {
    const unknown = await system.graphql(query, { nino: UNKNOWN });
    expect(unknown.body.data).toEqual({ citizen: null });
    expect(codesOf(unknown)).toEqual([['CITIZEN_NOT_FOUND', ['citizen']]]);
    const known = await system.graphql(query, { nino: KNOWN });
    expect(known.body.errors).toBeUndefined();
    expect(Object.keys(known.body.data!.citizen)).toEqual(['awards']);
  });

  it('keeps the caller\'s own aliases and NINO, adding nothing of its own', async () => {
    const result = await system.graphql('query($nino: NINO!) { mine: citizen(nino: $nino) { id: nino awards { benefit } } }', { nino: KNOWN });
    expect(result.body.errors).toBeUndefined();
    expect(Object.keys(result.body.data!.mine)).toEqual(['id', 'awards']);
    expect(result.body.data!.mine.id).toBe(KNOWN);
  });
});

describe('a caseload', () => {
  it('makes an unknown NINO\'s entry null, once, and leaves the rest whole', async () => {
    const result = await system.graphql('query($ninos: [NINO!]!) { citizens(ninos: $ninos) { bankAccount { masked } } }', { ninos: [KNOWN, UNKNOWN, KNOWN] });
    expect(result.body.data?.citizens).toEqual([{ bankAccount: { masked: true } }, null, { bankAccount: { masked: true } }]);
    expect(codesOf(result)).toEqual([['CITIZEN_NOT_FOUND', ['citizens', 1]]]);
  });
});

describe('a refusal every subgraph makes', () => {
  it('is reported once, not once per subgraph asked', async () => {
    const result = await system.graphql(
      'query($nino: NINO!) { citizen(nino: $nino) { name { fullName } awards { benefit } bankAccount { masked } currentAddress { postcode } } }',
      { nino: SHOWCASE.pensionerCouple.nino },
      await system.as({ role: 'citizen', nino: KNOWN }),
    );
    expect(result.body.data).toEqual({ citizen: null });
    expect(codesOf(result)).toEqual([['FORBIDDEN', ['citizen']]]);
  });
});
