import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';
import { mapPaymentsChangeAnswer, mapPaymentsHistory, paymentsChangeRequest } from './payments.writer-mapping.ts';

describe('payment-system change requests', () => {
  it.each([
    [
      'a correspondence address, protected where the citizen is',
      MOVE,
      {
        customerRef: { type: 'NINO', value: 'SC100021A' }, clientReference: 'chg-1', changeType: 'ADDRESS', effectiveDate: '01/12/2026',
        correspondenceAddress: { uprn: '100023336956', buildingName: null, buildingNumber: '12', street: 'HIGH STREET', town: 'LEEDS', postcode: 'LS1 4AP' },
        protectedAddress: true,
      },
    ],
    [
      'a death',
      { kind: 'death', nino: 'SC100021A', reference: 'chg-2', dateOfDeath: '2026-11-20' } as const,
      { customerRef: { type: 'NINO', value: 'SC100021A' }, clientReference: 'chg-2', changeType: 'DEATH', effectiveDate: '20/11/2026', dateOfDeath: '20/11/2026' },
    ],
  ])('writes %s', (_name, change, expected) => {
    expect(paymentsChangeRequest(change)).toEqual(expected);
  });
});

describe('payment-system answers', () => {
  it.each([
    ['201 ACCEPTED as applied', 201, '{"clientReference":"chg-1","status":"ACCEPTED"}', 'applied'],
    ['409 DUPLICATE_REFERENCE as already applied', 409, '{"errorCode":"DUPLICATE_REFERENCE"}', 'already-applied'],
    ['404 CUSTOMER_NOT_FOUND as not held', 404, '{"errorCode":"CUSTOMER_NOT_FOUND"}', 'not-held'],
  ])('reads %s', (_name, status, body, outcome) => {
    expect(mapPaymentsChangeAnswer(status, body)).toBe(outcome);
  });

  it.each([
    ['400 INVALID_REQUEST', 400, '{"errorCode":"INVALID_REQUEST"}', 'LEGACY_WRITE_REFUSED'],
    ['404 NOT_FOUND for an unknown path', 404, '{"errorCode":"NOT_FOUND"}', 'LEGACY_UNAVAILABLE'],
    ['an empty object (the malformed answer)', 200, '{}', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into %s', (_name, status, body, code) => {
    expectWriterFailure(() => mapPaymentsChangeAnswer(status, body), 'payments', code);
  });

  it('reads a customer history: the changes recorded, none for a customer without, null for one it does not hold', () => {
    const history = mapPaymentsHistory(['SC100021A', 'SC100042B', 'SC600035B'], JSON.parse(readFixture('payments-customer-history.json')));
    expect(history.get('SC100021A')).toEqual({ changes: [{ reference: 'chg-5', kind: 'death', effectiveDate: '2026-11-20', appliedAt: '2026-11-30T14:33:53Z' }], events: [] });
    expect(history.get('SC100042B')).toEqual({ changes: [], events: [] });
    expect(history.get('SC600035B')).toBeNull();
    expect(() => mapPaymentsHistory(['SC100021A'], {})).toThrow(LegacyError);
  });
});
