import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_IDS } from '../legacy-estate/index.ts';
import { loadExamples, type ExampleOperation } from '../schema/examples.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/**
 * A legacy system that answers 200 with a document in its own format holding none of what was
 * asked (the estate's `malformedRate`) is failing, not saying "nothing found". Every read the
 * README shows, for every kind of user, is asked with each system's answers malformed in turn:
 * it must come back exactly as it does when the system is healthy (it does not read that
 * system), or with that system's part missing and labelled LEGACY_UNAVAILABLE, never as a
 * different answer without an error.
 */

// Notify only sends messages: no read reaches it.
const READ_SYSTEMS = SYSTEM_IDS.filter((id) => id !== 'notify');
const reads = loadExamples().filter((example) => !/^\s*mutation\b/.test(example.document) && example.audience !== 'auditor');

let system: TestSystem;
const healthy = new Map<string, GraphQLResult>();

async function ask(example: ExampleOperation): Promise<GraphQLResult> {
  const headers = await system.as(example.caller, example.purpose);
  return example.persistedId ? system.persisted(example.name, example.variables ?? {}, headers) : system.graphql(example.document, example.variables ?? {}, headers);
}

/**
 * What differs between two asks of the same healthy read: each partner check's own reference
 * and time, and who has looked at the record (every ask adds to it). None of them comes from the estate.
 */
const VARIES = new Set(['reference', 'checkedAt', 'accessHistory']);
function comparable(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data ?? null), (key, value: unknown) => (VARIES.has(key) ? '(varies)' : value));
}

beforeAll(async () => {
  // Breakers that never open: each call's answer is judged on what it held, not cut short by
  // the calls before it, and the next system's turn starts with every breaker closed.
  system = await startTestSystem({ POPULATION_SIZE: '300', LEGACY_BREAKER_MIN_CALLS: '1000000' });
  for (const example of reads) {
    const result = await ask(example);
    expect(result.body.errors, example.name).toBeUndefined();
    healthy.set(example.name, result);
  }
});
afterAll(() => system?.close());

describe('malformed legacy answers', () => {
  it('the reads cover every kind of user who reads citizens', () => {
    expect(new Set(reads.map((example) => example.audience))).toEqual(new Set(['agent', 'citizen', 'partner']));
  });

  describe.each(READ_SYSTEMS)('from %s', (id) => {
    it.each(reads.map((example) => [example.name, example] as const))('%s is its healthy answer or labels the missing part', async (_name, example) => {
      await system.setFaults(id, { malformedRate: 1 });
      let result: GraphQLResult;
      try {
        result = await ask(example);
      } finally {
        await system.setFaults(id, {});
      }
      const errors = result.body.errors ?? [];
      for (const error of errors) expect(error.extensions, error.message).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: id });
      if (errors.length === 0) expect(comparable(result.body.data)).toEqual(comparable(healthy.get(example.name)!.body.data));
    });
  });

  it('a trace CIS answers without its candidate list fails, rather than finding nobody', async () => {
    const trace = reads.find((example) => example.name === 'Trace')!;
    await system.setFaults('cis', { malformedRate: 1 });
    try {
      const result = await ask(trace);
      expect(result.body.data?.traceCitizen ?? null).toBeNull();
      expect(result.body.errors).toEqual([expect.objectContaining({ path: ['traceCitizen'], extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'cis' }) })]);
    } finally {
      await system.setFaults('cis', {});
    }
  });
});
