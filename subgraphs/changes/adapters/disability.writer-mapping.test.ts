import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { disabilityChangeRecord, mapDisabilityChangeAnswer, mapDisabilityHistory } from './disability.writer-mapping.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';

/** 1-based inclusive columns of a record, as the record specification counts them. */
const columns = (record: string, from: number, to: number) => record.slice(from - 1, to);

describe('disability change records', () => {
  it('lays an address out in its columns, 320 wide', () => {
    const record = disabilityChangeRecord(MOVE);
    expect(record).toHaveLength(320);
    expect([columns(record, 1, 3), columns(record, 4, 12), columns(record, 13, 16), columns(record, 17, 24)]).toEqual(['CHG', 'SC100021A', 'ADDR', '20261201']);
    expect(columns(record, 25, 64).trimEnd()).toBe('chg-1');
    expect(columns(record, 65, 65)).toBe('Y');
    expect(columns(record, 66, 77).trimEnd()).toBe('100023336956');
    expect(columns(record, 78, 107).trim()).toBe('');
    expect(columns(record, 108, 117).trimEnd()).toBe('12');
    expect(columns(record, 118, 157).trimEnd()).toBe('HIGH STREET');
    expect(columns(record, 158, 187).trimEnd()).toBe('LEEDS');
    expect(columns(record, 188, 195).trimEnd()).toBe('LS1 4AP');
    expect(columns(record, 196, 320).trim()).toBe('');
  });

  it('lays out contact details and a death', () => {
    const contact = disabilityChangeRecord({ kind: 'contact', nino: 'SC300047C', reference: 'chg-2', effectiveDate: '2026-11-30', phone: '0113 496 0000', mobile: null, email: 'rhys@example.com' });
    expect([columns(contact, 13, 16), columns(contact, 196, 215).trimEnd(), columns(contact, 216, 235).trim(), columns(contact, 236, 315).trimEnd()]).toEqual(['CONT', '0113 496 0000', '', 'rhys@example.com']);
    const death = disabilityChangeRecord({ kind: 'death', nino: 'SC300047C', reference: 'chg-3', dateOfDeath: '2026-11-20' });
    expect([columns(death, 13, 16), columns(death, 17, 24), columns(death, 65, 320).trim()]).toEqual(['DETH', '20261120', '']);
  });

  it('refuses a value longer than its column rather than cut it', () => {
    expectWriterFailure(() => disabilityChangeRecord({ ...MOVE, address: { ...MOVE.address, thoroughfare: 'A'.repeat(41) } }), 'disability', 'LEGACY_WRITE_REFUSED');
  });
});

describe('disability answers', () => {
  it.each([
    ['an ACK record as applied', 200, `${'ACKSC300047C000001'.padEnd(80)}\n`, 'applied'],
    ['404 NO CLAIMANT RECORD as not held', 404, 'NO CLAIMANT RECORD', 'not-held'],
  ])('reads %s', (_name, status, body, outcome) => {
    expect(mapDisabilityChangeAnswer(status, body)).toBe(outcome);
  });

  it.each([
    ['400 REJECTED', 400, 'REJECTED INVALID CHANGE RECORD', 'LEGACY_WRITE_REFUSED'],
    ['an empty file (the malformed answer)', 200, '', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into %s', (_name, status, body, code) => {
    expectWriterFailure(() => mapDisabilityChangeAnswer(status, body), 'disability', code);
  });

  it('reads a history: every record filed, a repeat listed twice, and the award events', () => {
    expect(mapDisabilityHistory('SC300047C', 200, readFixture('disability-history.txt')).get('SC300047C')).toEqual({
      changes: [
        { reference: 'chg-5', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:53Z' },
        { reference: 'chg-5', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:54Z' },
      ],
      events: [
        { benefitCode: 'PIP', event: 'STARTED', date: '2019-07-22', amountPence: null },
        { benefitCode: 'PIP', event: 'PAYMENT_MADE', date: '2026-11-04', amountPence: 77840 },
      ],
    });
  });

  it('reads 404 as no history, and a history cut short as the system failing', () => {
    expect(mapDisabilityHistory('SC600035B', 404, 'NO CLAIMANT RECORD').get('SC600035B')).toBeNull();
    const cut = readFixture('disability-history.txt').split('\n').slice(0, 2).join('\n');
    expect(() => mapDisabilityHistory('SC300047C', 200, cut)).toThrow(LegacyError);
  });
});
