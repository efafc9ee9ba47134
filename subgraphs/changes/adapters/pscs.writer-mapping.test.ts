import { describe, expect, it } from 'vitest';
import { parseSoapResponse } from '../../../platform/formats/index.ts';
import { expectWriterFailure, MOVE, readFixture } from './fixtures/writer-fixtures.ts';
import { mapPscsHistory, mapPscsUpdateAnswer, pscsHistoryRequest, pscsUpdateRequest } from './pscs.writer-mapping.ts';

/** The request's operation element, read back the way PSCS reads it. */
const operationOf = (xml: string) => (parseSoapResponse(xml) as { body: Record<string, unknown> }).body;

describe('PSCS requests', () => {
  it('writes an address as UpdateCustomerDetails, blank where a part is absent, protected where the citizen is', () => {
    expect(operationOf(pscsUpdateRequest(MOVE))).toEqual({
      UpdateCustomerDetailsRequest: {
        NINO: 'SC100021A', ClientReference: 'chg-1', ChangeType: 'ADDRESS', EffectiveDate: '20261201',
        Address: { UPRN: '100023336956', BuildingName: '', BuildingNumber: '12', Thoroughfare: 'HIGH STREET', PostTown: 'LEEDS', Postcode: 'LS1 4AP', Protected: 'Y' },
      },
    });
  });

  it('writes a death, effective on the date of death', () => {
    expect(operationOf(pscsUpdateRequest({ kind: 'death', nino: 'SC100021A', reference: 'chg-2', dateOfDeath: '2026-11-20' }))).toEqual({
      UpdateCustomerDetailsRequest: { NINO: 'SC100021A', ClientReference: 'chg-2', ChangeType: 'DEATH', EffectiveDate: '20261120', DateOfDeath: '20261120' },
    });
  });

  it('escapes what it writes into the XML', () => {
    const xml = pscsUpdateRequest({ ...MOVE, address: { ...MOVE.address, thoroughfare: 'MILL & <BRIDGE>' } });
    expect(xml).toContain('MILL &amp; &lt;BRIDGE&gt;');
    expect(operationOf(pscsHistoryRequest('SC100021A'))).toEqual({ GetCustomerHistoryRequest: { NINO: 'SC100021A' } });
  });
});

describe('PSCS answers', () => {
  it.each([
    ['ACCEPTED as applied', 'pscs-update-accepted.xml', 'applied'],
    ['the NO_RECORD fault as not held', 'pscs-fault-no-record.xml', 'not-held'],
  ])('reads %s', (_name, fixture, outcome) => {
    expect(mapPscsUpdateAnswer(readFixture(fixture))).toBe(outcome);
  });

  it.each([
    ['the INVALID_UPDATE fault', readFixture('pscs-fault-invalid-update.xml'), 'LEGACY_WRITE_REFUSED'],
    ['an empty Body (the malformed answer)', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body></soapenv:Body></soapenv:Envelope>', 'LEGACY_UNAVAILABLE'],
    ['a proxy error page', '<html><body>bad gateway</body></html>', 'LEGACY_UNAVAILABLE'],
  ])('turns %s into %s', (_name, xml, code) => {
    expectWriterFailure(() => mapPscsUpdateAnswer(xml), 'pscs', code);
  });

  it('reads a history: every update applied, a repeat listed twice, and the award events', () => {
    expect(mapPscsHistory('SC100021A', readFixture('pscs-customer-history.xml')).get('SC100021A')).toEqual({
      changes: [
        { reference: 'chg-3', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:53Z' },
        { reference: 'chg-3', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:33:54Z' },
        { reference: 'chg-4', kind: 'death', effectiveDate: '2026-11-20', appliedAt: '2026-11-30T14:33:55Z' },
      ],
      events: [
        { benefitCode: 'SP', event: 'STARTED', date: '2012-03-12', amountPence: null },
        { benefitCode: 'SP', event: 'PAYMENT_MADE', date: '2026-11-03', amountPence: 59168 },
        { benefitCode: 'SP', event: 'STOPPED', date: '2026-11-20', amountPence: null },
      ],
    });
  });

  it('reads a history with no updates and a single event', () => {
    expect(mapPscsHistory('SC100042B', readFixture('pscs-customer-history-one-event.xml')).get('SC100042B')).toEqual({
      changes: [],
      events: [{ benefitCode: 'SP', event: 'STARTED', date: '2014-01-01', amountPence: null }],
    });
  });

  it('reads NO_RECORD as no history', () => {
    expect(mapPscsHistory('SC600035B', readFixture('pscs-fault-no-record.xml')).get('SC600035B')).toBeNull();
  });
});
