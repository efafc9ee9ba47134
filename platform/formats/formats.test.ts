import { describe, expect, it } from 'vitest';
import {
  fitsPipeField, fromDdMmYyyy, fromDdmmyyyy, fromYyyymmdd, fromYyyymmddhhmmss, isCisRestricted, parseSoapResponse, penceFromPoundsText, readFixedWidth, readPipeRecords,
  readTrailedRecords, soapEnvelope, toDdMmYyyy, toDdmmyyyy, writeFixedWidth,
} from './index.ts';

describe('legacy dates', () => {
  it.each([
    ['20240314', '2024-03-14'],
    ['20240229', '2024-02-29'],
    ['20000229', '2000-02-29'],
    ['', null],
    ['        ', null],
    ['00000000', null],
  ])('reads YYYYMMDD %j as %j', (input, expected) => {
    expect(fromYyyymmdd(input)).toBe(expected);
  });

  it.each(['20240230', '20230229', '19000229', '20241301', '20240100', '20240431', '2024-03-14', '2024031', 'abcdefgh'])('rejects %j', (input) => {
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

describe('writing legacy formats', () => {
  it('writes ISO dates day first, as the payment system and JSAPS want them', () => {
    expect([toDdMmYyyy('2026-11-20'), toDdmmyyyy('2026-11-20')]).toEqual(['20/11/2026', '20112026']);
  });

  it('lays fields out in their columns and reads them back', () => {
    const layout = { type: { from: 1, to: 3 }, nino: { from: 4, to: 12 }, town: { from: 14, to: 20 } };
    const record = writeFixedWidth({ type: 'CHG', nino: 'AB123456C', town: 'LEEDS' }, layout, 24);
    expect(record).toBe('CHGAB123456C LEEDS'.padEnd(24));
    expect(readFixedWidth(record, layout)).toEqual({ type: 'CHG', nino: 'AB123456C', town: 'LEEDS' });
  });

  it('refuses a value longer than its column rather than cut it', () => {
    expect(() => writeFixedWidth({ town: 'LLANFAIRPWLL' }, { town: { from: 1, to: 7 } }, 10)).toThrow(RangeError);
  });
});

describe('framed legacy files', () => {
  it('reads the records of a fixed-width file whose trailer counts them', () => {
    expect(readTrailedRecords('AWD one\nAWD two\nTRL000002\n')).toEqual(['AWD one', 'AWD two']);
  });

  it.each(['AWD one\nTRL000002\n', 'AWD one\n', ''])('refuses the fixed-width file %j, cut short or without a trailer', (text) => {
    expect(() => readTrailedRecords(text)).toThrow(TypeError);
  });

  it('reads the records of a pipe-delimited file framed by its header and trailer', () => {
    expect(readPipeRecords('HDR|JSAPS|2\nCLM|A|1\nNFD|B\nTRL|2\n', 'JSAPS')).toEqual([['CLM', 'A', '1'], ['NFD', 'B']]);
  });

  it.each([
    ['a count the records disagree with', 'HDR|JSAPS|2\nNFD|B\nTRL|2\n'],
    ['another file', 'HDR|OTHER|1\nNFD|B\nTRL|1\n'],
    ['no trailer', 'HDR|JSAPS|1\nNFD|B\n'],
    ['an empty answer', ''],
  ])('refuses a pipe-delimited file with %s', (_name, text) => {
    expect(() => readPipeRecords(text, 'JSAPS')).toThrow(TypeError);
  });

  it.each([
    ['HIGH STREET', true],
    ['HIGH|STREET', false],
    ['HIGH\nSTREET', false],
  ])('says whether %j fits a pipe-delimited field', (value, fits) => {
    expect(fitsPipeField(value)).toBe(fits);
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
