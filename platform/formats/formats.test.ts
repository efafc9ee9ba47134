import { describe, expect, it } from 'vitest';
import { fromDdMmYyyy, fromDdmmyyyy, fromYyyymmdd, fromYyyymmddhhmmss, penceFromPoundsText, isCisRestricted, parseSoapResponse, readFixedWidth, soapEnvelope } from './index.ts';

describe('legacy dates', () => {
  it.each([
    ['20240314', '2024-03-14'],
    ['', null],
    ['        ', null],
    ['00000000', null],
  ])('reads YYYYMMDD %j as %j', (input, expected) => {
    expect(fromYyyymmdd(input)).toBe(expected);
  });

  it.each(['20240230', '2024-03-14', '2024031', 'abcdefgh'])('rejects %j', (input) => {
    expect(() => fromYyyymmdd(input)).toThrow(TypeError);
  });

  it('reads DD/MM/YYYY and rejects impossible dates', () => {
    expect(fromDdMmYyyy('25/11/2026')).toBe('2026-11-25');
    expect(() => fromDdMmYyyy('31/11/2026')).toThrow(TypeError);
  });

  it.each<[string, string | null]>([
    ['25112026', '2026-11-25'],
    ['', null],
  ])('reads DDMMYYYY %j as %j', (input, expected) => {
    expect(fromDdmmyyyy(input)).toBe(expected);
  });

  it.each(['31112026', '20261125', '2511202', '25/11/2026'])('rejects %j as DDMMYYYY', (input) => {
    expect(() => fromDdmmyyyy(input)).toThrow(TypeError);
  });
});

describe('legacy time stamps and amounts', () => {
  it('reads YYYYMMDDHHMMSS as an ISO time stamp in UTC', () => {
    expect(fromYyyymmddhhmmss('20261130142618')).toBe('2026-11-30T14:26:18Z');
  });

  it.each(['', '20261130', '20261131142618', '20261130246018', 'abcdefghijklmn'])('refuses the time stamp %j', (input) => {
    expect(() => fromYyyymmddhhmmss(input)).toThrow(TypeError);
  });

  it.each([
    ['238.00', 23800],
    ['0.07', 7],
    [' 417.56 ', 41756],
  ])('reads pounds %j as %i pence', (input, pence) => {
    expect(penceFromPoundsText(input)).toBe(pence);
  });

  it.each(['238', '238.0', '-1.00', ''])('refuses the amount %j', (input) => {
    expect(() => penceFromPoundsText(input)).toThrow(TypeError);
  });
});

describe('SOAP', () => {
  it('reads a body and drops namespace prefixes', () => {
    const xml = soapEnvelope('psc', 'urn:x', '<psc:Resp><psc:Award><psc:NINO>AB123456C</psc:NINO></psc:Award></psc:Resp>');
    const result = parseSoapResponse(xml);
    expect(result).toEqual({ kind: 'body', body: { Resp: { Award: { NINO: 'AB123456C' } } } });
  });

  it('reads a fault code without its prefix', () => {
    const xml = soapEnvelope('psc', 'urn:x', '<soapenv:Fault><faultcode>psc:NO_RECORD</faultcode><faultstring>none</faultstring></soapenv:Fault>');
    expect(parseSoapResponse(xml)).toEqual({ kind: 'fault', faultCode: 'NO_RECORD', faultString: 'none' });
  });

  it('refuses a document that is not an envelope', () => {
    expect(() => parseSoapResponse('<html><body>gateway error</body></html>')).toThrow(TypeError);
  });
});

describe('fixed-width records', () => {
  it('cuts 1-based inclusive columns and trims padding', () => {
    expect(readFixedWidth('AWDAB123456CPIP L', { type: { from: 1, to: 3 }, nino: { from: 4, to: 12 }, benefit: { from: 13, to: 16 }, status: { from: 17, to: 17 } })).toEqual({
      type: 'AWD',
      nino: 'AB123456C',
      benefit: 'PIP',
      status: 'L',
    });
  });
});

describe('CIS restriction codes', () => {
  it.each([
    ['NONE', false],
    ['NONE  ', true],
    ['PROTADDR', true],
    ['A CODE CIS ADDS LATER', true],
    ['', true],
  ])('reads %j as restricted: %j (anything but exactly NONE withholds)', (code, restricted) => {
    expect(isCisRestricted(code)).toBe(restricted);
  });
});
