import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';
import { mapUcChangeAnswer, mapUcHistory, ucChangeRequest } from './uc.writer-mapping.ts';

describe('UC change requests', () => {
  it.each([
    [
      'an address, protected where the citizen is',
      MOVE,
      { clientReference: 'chg-1', type: 'ADDRESS_CHANGE', effectiveDate: '2026-12-01', address: { ...MOVE.address, protected: true } },
    ],
    [
      'contact details, null for a detail not being changed',
      { kind: 'contact', nino: 'SC200081A', reference: 'chg-2', effectiveDate: '2026-11-30', phone: null, mobile: '07700900123', email: null } as const,
      { clientReference: 'chg-2', type: 'CONTACT_CHANGE', effectiveDate: '2026-11-30', contact: { phone: null, mobile: '07700900123', email: null } },
    ],
    [
      'a death',
      { kind: 'death', nino: 'SC200081A', reference: 'chg-3', dateOfDeath: '2026-11-20' } as const,
      { clientReference: 'chg-3', type: 'DEATH', effectiveDate: '2026-11-20', dateOfDeath: '2026-11-20' },
    ],
  ])('writes %s', (_name, change, expected) => {
    expect(ucChangeRequest(change)).toEqual(expected);
  });
});

describe('UC change answers', () => {
  it.each([
    ['201, applied', 201, '{"clientReference":"chg-1","status":"APPLIED"}', 'applied'],
    ['200 for a reference UC already holds', 200, '{"clientReference":"chg-1","status":"ALREADY_APPLIED"}', 'already-applied'],
    ['the no-claim problem', 404, '{"type":"urn:uc:problem:no-claim","title":"No claim","status":404,"detail":"..."}', 'not-held'],
  ])('reads %s', (_name, status, body, outcome) => {
    expect(mapUcChangeAnswer(status, body)).toBe(outcome);
  });

  it.each([
    ['422, an invalid change', 422, '{"type":"urn:uc:problem:invalid-change","title":"Invalid change","status":422,"detail":"..."}', 'LEGACY_WRITE_REFUSED'],
    ['404 for an unknown path', 404, '{"type":"urn:uc:problem:request-error","title":"Request error","status":404,"detail":"Not found"}', 'LEGACY_UNAVAILABLE'],
    ['an empty object (the malformed answer)', 200, '{}', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into %s', (_name, status, body, code) => {
    expectWriterFailure(() => mapUcChangeAnswer(status, body), 'uc', code);
  });
});

describe('UC history', () => {
  it('reads each NINO asked: its changes and claim events, and null where UC holds no claim', () => {
    const history = mapUcHistory(['SC200081A', 'SC600035B'], JSON.parse(readFixture('uc-history-batch-get.json')));
    expect(history.get('SC200081A')).toEqual({
      changes: [
        { reference: 'chg-1', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:53.144Z' },
        { reference: 'chg-2', kind: 'death', effectiveDate: '2026-11-20', appliedAt: '2026-11-30T14:33:53.182Z' },
      ],
      events: [
        { benefitCode: 'UC', event: 'STARTED', date: '2023-05-14', amountPence: null },
        { benefitCode: 'UC', event: 'STOPPED', date: '2026-11-20', amountPence: null },
        { benefitCode: 'UC', event: 'PAYMENT_MADE', date: '2026-11-20', amountPence: 230173 },
      ],
    });
    expect(history.get('SC600035B')).toBeNull();
  });

  it('treats a history that fails its schema as UC failing', () => {
    expect(() => mapUcHistory(['SC200081A'], {})).toThrow(LegacyError);
  });
});
