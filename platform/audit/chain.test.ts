import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainedEntry } from './chain.ts';

const entry: ChainedEntry = {
  id: '3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b',
  writerId: 'gateway-1',
  seq: 1,
  prevHash: GENESIS_HASH,
  at: new Date('2026-03-01T09:00:00.000Z'),
  requestId: 'req-1',
  subject: 'caseworker-17',
  role: 'agent',
  organisation: 'DWP',
  purpose: 'CASE-1',
  citizens: ['AB123456C', 'CE654321A'],
  fields: ['bank.accountNumber', 'identity.name'],
  deniedFields: [],
  references: [],
  changedFields: [],
  operationName: 'SingleView',
  outcome: 'ALLOWED',
};

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}'],
    [['x', 'y"z'], '["x","y\\"z"]'],
    // By code unit, as strings: not the integer-like-keys-first order objects enumerate in.
    [{ a: 3, 9: 2, 10: 1 }, '{"10":1,"9":2,"a":3}'],
    ['é\n', '"é\\n"'],
  ])('writes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([[undefined], [Number.NaN], [{ a: Infinity }]])('refuses %j, which has no stable JSON form', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('entryHash', () => {
  it('is a sha256 hex digest, independent of citizen and field order', () => {
    const hash = entryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...entry, citizens: [...entry.citizens].reverse(), fields: [...entry.fields].reverse() })).toBe(hash);
  });

  it.each<[string, Partial<ChainedEntry>]>([
    ['id', { id: '3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6c' }],
    ['writer', { writerId: 'gateway-2' }],
    ['seq', { seq: 2 }],
    ['prev_hash', { prevHash: 'a'.repeat(64) }],
    ['time', { at: new Date('2026-03-01T09:00:00.001Z') }],
    ['request id', { requestId: 'req-2' }],
    ['subject', { subject: 'caseworker-18' }],
    ['role', { role: 'analyst' }],
    ['organisation', { organisation: 'NHS' }],
    ['purpose', { purpose: 'CASE-2' }],
    ['purpose removed', { purpose: undefined }],
    ['citizens', { citizens: ['AB123456C'] }],
    ['fields', { fields: ['identity.name'] }],
    ['denied fields', { deniedFields: ['bank.Citizen.bankAccount'] }],
    ['search criteria', { criteria: '[{"args":{"familyName":"Brearley"},"field":"identity.Query.traceCitizen"}]' }],
    ['check references', { references: ['5b0e7c1a-2f9d-4e3b-8a61-0c4d2e9f7b13'] }],
    ['changed fields', { changedFields: ['changes.address'] }],
    ['operation', { operationName: 'Other' }],
    ['outcome', { outcome: 'DENIED' }],
  ])('changes when the %s changes', (_case, change) => {
    expect(entryHash({ ...entry, ...change })).not.toBe(entryHash(entry));
  });
});
