import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { cisUpdateRequest, mapCisHistory, mapCisUpdateAnswer } from './cis.writer-mapping.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';
import type { Change } from './legacy-writer.ts';

const fixture = (name: string) => JSON.parse(readFixture(name)) as unknown;

describe('CIS update requests', () => {
  it.each<[string, Change, Record<string, unknown>]>([
    [
      'an address, blank where a part is absent, protected where the citizen is',
      MOVE,
      {
        NINO: 'SC100021A', CLIENT_REF: 'chg-1', CHANGE_TYPE_CD: 'ADDR', EFFECTIVE_DT: '20261201',
        ADDRESS: { UPRN: '100023336956', BUILDING_NAME: '', BUILDING_NO: '12', THOROUGHFARE: 'HIGH STREET', POST_TOWN: 'LEEDS', POSTCODE: 'LS1 4AP', RESTRICTION_CD: 'PROTADDR' },
      },
    ],
    [
      'contact details, blank for a detail not being changed',
      { kind: 'contact', nino: 'SC100021A', reference: 'chg-2', effectiveDate: '2026-11-30', phone: null, mobile: '07700900123', email: 'a@example.com' },
      { NINO: 'SC100021A', CLIENT_REF: 'chg-2', CHANGE_TYPE_CD: 'CONT', EFFECTIVE_DT: '20261130', CONTACT: { TEL_NO: '', MOBILE_NO: '07700900123', EMAIL_ADDR: 'a@example.com' } },
    ],
    [
      'a death, effective on the date of death',
      { kind: 'death', nino: 'SC100021A', reference: 'chg-3', dateOfDeath: '2026-11-20' },
      { NINO: 'SC100021A', CLIENT_REF: 'chg-3', CHANGE_TYPE_CD: 'DEATH', EFFECTIVE_DT: '20261120', DEATH_DT: '20261120' },
    ],
  ])('writes %s', (_name, change, expected) => {
    expect(cisUpdateRequest(change)).toEqual(expected);
  });
});

describe('CIS update answers', () => {
  it.each([
    ['applied', 200, '{"RETURN_CD":"0000","CLIENT_REF":"chg-1","UPDATE_STATUS_CD":"APPLIED"}', 'applied'],
    ['a repeated CLIENT_REF CIS answered itself', 200, '{"RETURN_CD":"0000","CLIENT_REF":"chg-1","UPDATE_STATUS_CD":"ALREADY_APPLIED"}', 'already-applied'],
    ['E201, a NINO CIS does not hold', 200, '{"RETURN_CD":"E201","RETURN_MSG":"NINO NOT HELD"}', 'not-held'],
  ])('reads %s', (_name, status, body, outcome) => {
    expect(mapCisUpdateAnswer(status, body)).toBe(outcome);
  });

  it.each([
    ['E102 with 400, a refused update', 400, '{"RETURN_CD":"E102","RETURN_MSG":"UPDATE REQUEST IS NOT VALID"}', 'LEGACY_WRITE_REFUSED'],
    ['another return code', 200, '{"RETURN_CD":"E999","RETURN_MSG":"ABEND"}', 'LEGACY_UNAVAILABLE'],
    ['success without a status (the malformed answer)', 200, '{"RETURN_CD":"0000"}', 'LEGACY_UNAVAILABLE'],
    ['an empty object', 200, '{}', 'LEGACY_UNAVAILABLE'],
    ['a proxy error page', 200, '<html>bad gateway</html>', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into a LegacyError %s, naming CIS only', (_name, status, body, code) => {
    const failure = expectWriterFailure(() => mapCisUpdateAnswer(status, body), 'cis', code);
    expect(failure.message).not.toMatch(/SC\d|chg-|VALID/);
  });
});

describe('CIS history enquiries', () => {
  it('reads each NINO asked: its changes and award events, and null where CIS holds nobody', () => {
    const history = mapCisHistory(['SC100021A', 'SC100042B', 'AB999999D'], fixture('cis-history-enquiry.json'));
    expect(history.get('SC100021A')).toEqual({
      changes: [
        { reference: 'chg-1', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:26:18Z' },
        { reference: 'chg-2', kind: 'death', effectiveDate: '2026-11-20', appliedAt: '2026-11-30T14:26:19Z' },
      ],
      events: [
        { benefitCode: 'PC', event: 'STARTED', date: '2013-06-03', amountPence: null },
        { benefitCode: 'PC', event: 'PAYMENT_MADE', date: '2026-11-03', amountPence: 41756 },
        { benefitCode: 'PC', event: 'STOPPED', date: '2026-11-20', amountPence: null },
      ],
    });
    expect(history.get('SC100042B')).toEqual({ changes: [], events: [{ benefitCode: 'CA', event: 'STARTED', date: '2019-04-01', amountPence: null }] });
    expect(history.get('AB999999D')).toBeNull();
  });

  it('treats a history that fails its schema as CIS failing', () => {
    expect(() => mapCisHistory(['SC100021A'], { CHANGE_LIST: [{ NINO: 'SC100021A' }], EVENT_LIST: [], NOT_FOUND_LIST: [] })).toThrow(LegacyError);
    expect(() => mapCisHistory(['SC100021A'], {})).toThrow(LegacyError);
  });
});
