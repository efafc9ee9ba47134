import { describe, expect, it } from 'vitest';
import { gapsFrom, gapsUnder } from './gaps.ts';

const error = (path: Array<string | number> | undefined, code: string, system?: string) => ({ message: 'm', ...(path ? { path } : {}), extensions: { code, requestId: 'r-1', ...(system ? { system } : {}) } });

describe('gaps in a partial answer', () => {
  it.each([
    ['a legacy system down', error(['citizen', 'awards', 2], 'LEGACY_UNAVAILABLE', 'pscs'), { source: 'State Pension (Pension Strategy Computer System)', reason: 'did not answer' }],
    ['a legacy system too slow', error(['citizen', 'bankAccount'], 'LEGACY_TIMEOUT', 'payments'), { source: 'Central Payment System', reason: 'was too slow to answer' }],
    ['a subgraph past its deadline', error(['citizen', 'relationships'], 'SUBGRAPH_UNAVAILABLE'), { source: 'Part of the service', reason: 'did not answer in time' }],
    ['a field refused', error(['citizen', 'accessHistory'], 'FORBIDDEN'), { source: 'This information', reason: 'is not available to you' }],
    ['an unknown code', error(['citizen', 'name'], 'SOMETHING_NEW', 'cis'), { source: 'Customer Information System (CIS)', reason: 'could not be read' }],
  ])('labels %s by who failed and how', (_case, given, expected) => {
    expect(gapsFrom([given])).toEqual([{ path: given.path, code: given.extensions.code, requestId: 'r-1', ...expected }]);
  });

  it('is no gap when an error names no field: the whole request failed', () => {
    expect(gapsFrom([error(undefined, 'UNAUTHENTICATED')])).toEqual([]);
    expect(gapsFrom(undefined)).toEqual([]);
  });

  it('finds the gaps inside a part of the record, one per system and reason', () => {
    const gaps = gapsFrom([
      error(['citizen', 'awards', 1], 'LEGACY_UNAVAILABLE', 'pscs'),
      error(['citizen', 'relationships', 0, 'citizen', 'awards', 1], 'LEGACY_UNAVAILABLE', 'pscs'),
      error(['citizen', 'relationships', 1, 'citizen', 'awards', 1], 'LEGACY_UNAVAILABLE', 'pscs'),
      error(['citizen', 'contact'], 'LEGACY_UNAVAILABLE', 'cis'),
    ]);
    expect(gapsUnder(gaps, ['citizen', 'awards']).map((gap) => gap.path)).toEqual([['citizen', 'awards', 1]]);
    expect(gapsUnder(gaps, ['citizen', 'relationships'])).toHaveLength(1);
    expect(gapsUnder(gaps, ['citizen', 'name'], ['citizen', 'contact']).map((gap) => gap.source)).toEqual(['Customer Information System (CIS)']);
    expect(gapsUnder(gaps, ['citizen', 'bankAccount'])).toEqual([]);
  });
});
