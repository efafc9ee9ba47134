import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';
import { jsapsUpdateRecord, mapJsapsHistory, mapJsapsUpdateAnswer } from './jsaps.writer-mapping.ts';

describe('JSAPS update records', () => {
  it.each([
    ['an address, blank where a part is absent, protected where the citizen is', MOVE, 'UPD|SC100021A|chg-1|ADDR|01122026|100023336956||12|HIGH STREET|LEEDS|LS1 4AP|Y'],
    ['a death', { kind: 'death', nino: 'SC700046A', reference: 'chg-2', dateOfDeath: '2026-11-20' } as const, 'UPD|SC700046A|chg-2|DETH|20112026'],
  ])('writes %s', (_name, change, expected) => {
    expect(jsapsUpdateRecord(change)).toBe(expected);
  });

  it('refuses a value that would break the record', () => {
    expectWriterFailure(() => jsapsUpdateRecord({ ...MOVE, address: { ...MOVE.address, thoroughfare: 'HIGH|STREET' } }), 'jsaps', 'LEGACY_WRITE_REFUSED');
  });
});

describe('JSAPS answers', () => {
  it.each([
    ['ACK for this update as applied', 200, 'ACK|SC700046A|chg-6\n', 'applied'],
    ['NFD as not held', 200, 'NFD|SC600035B\n', 'not-held'],
  ])('reads %s', (_name, status, body, outcome) => {
    expect(mapJsapsUpdateAnswer(status, body, 'chg-6')).toBe(outcome);
  });

  it.each([
    ['ERR|400', 400, 'ERR|400|MALFORMED UPDATE\n', 'LEGACY_WRITE_REFUSED'],
    ['an ACK for another update', 200, 'ACK|SC700046A|chg-9\n', 'LEGACY_UNAVAILABLE'],
    ['an empty file (the malformed answer)', 200, '', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into %s', (_name, status, body, code) => {
    expectWriterFailure(() => mapJsapsUpdateAnswer(status, body, 'chg-6'), 'jsaps', code);
  });

  it('reads a history: every update applied, a repeat listed twice, the award events, and NFD as no record', () => {
    const history = mapJsapsHistory(['SC700046A', 'SC600035B'], readFixture('jsaps-history.txt'));
    expect(history.get('SC700046A')).toEqual({
      changes: [
        { reference: 'chg-6', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:53Z' },
        { reference: 'chg-6', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:54Z' },
        { reference: 'chg-7', kind: 'death', effectiveDate: '2026-11-20', appliedAt: '2026-11-30T14:33:55Z' },
      ],
      events: [
        { benefitCode: 'JSA', event: 'STARTED', date: '2017-05-15', amountPence: null },
        { benefitCode: 'JSA', event: 'PAYMENT_MADE', date: '2026-11-18', amountPence: 19110 },
        { benefitCode: 'JSA', event: 'STOPPED', date: '2026-11-20', amountPence: null },
      ],
    });
    expect(history.get('SC600035B')).toBeNull();
  });

  it('treats a history whose frame disagrees with its records as JSAPS failing', () => {
    const cut = readFixture('jsaps-history.txt').replace('TRL|7', 'TRL|6');
    expect(() => mapJsapsHistory(['SC700046A'], cut)).toThrow(LegacyError);
  });
});
