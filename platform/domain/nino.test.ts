import { describe, expect, it } from 'vitest';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';
import { formatNino, isNino, parseNino } from './nino.ts';

describe('parseNino', () => {
  it.each([
    ['AB123456C', 'AB123456C'],
    ['ab123456c', 'AB123456C'],
    ['AB 12 34 56 C', 'AB123456C'],
    ['  ab 12 34 56 c  ', 'AB123456C'],
    ['AB\t123456\tD', 'AB123456D'],
    ['CE000000A', 'CE000000A'],
    ['ZY999999B', 'ZY999999B'],
    ['TW123456A', 'TW123456A'],
    ['OA123456A', 'OA123456A'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseNino(input)).toBe(expected);
    expect(isNino(input)).toBe(true);
  });

  it.each([
    ['DA123456A', "prefix 'DA' is never issued"],
    ['AF123456A', "prefix 'AF' is never issued"],
    ['IA123456A', "prefix 'IA' is never issued"],
    ['QQ123456C', "prefix 'QQ' is never issued"],
    ['UA123456A', "prefix 'UA' is never issued"],
    ['AV123456A', "prefix 'AV' is never issued"],
    ['AO123456A', "prefix 'AO' is never issued"],
    ['BG123456A', "prefix 'BG' is never issued"],
    ['GB123456A', "prefix 'GB' is never issued"],
    ['KN123456A', "prefix 'KN' is never issued"],
    ['NK123456A', "prefix 'NK' is never issued"],
    ['NT123456A', "prefix 'NT' is never issued"],
    ['TN123456A', "prefix 'TN' is never issued"],
    ['ZZ123456A', "prefix 'ZZ' is never issued"],
    ['AB123456E', "suffix must be A, B, C or D; 'E' is not"],
    ['AB123456Z', "suffix must be A, B, C or D; 'Z' is not"],
    ['11 A1 11 11', 'Temporary Reference Number (TRN), not a NINO'],
    ['12b45678', 'Temporary Reference Number (TRN), not a NINO'],
    ['AB123456', "six digits and a suffix A-D, e.g. AB 12 34 56 C; 'AB123456' is not valid"],
    ['AB123456 ', "'AB123456 ' is not valid"],
    ['AB1234567C', "'AB1234567C' is not valid"],
    ['A1234567C', "'A1234567C' is not valid"],
    ['AB-12-34-56-C', "'AB-12-34-56-…' is not valid"],
    ['ſB123456C', "'ſB123456C' is not valid"],
    ['AB12345６C', "'AB12345６C' is not valid"],
  ])('rejects %j: %s', (input, message) => {
    expect(isNino(input)).toBe(false);
    expect(expectRejected(() => parseNino(input), 'INVALID_NINO').message).toContain(message);
  });

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expect(isNino(input)).toBe(false);
    expectRejected(() => parseNino(input), 'INVALID_NINO');
  });

  it('says a non-string must be a string', () => {
    expect(expectRejected(() => parseNino(123456), 'INVALID_NINO').message).toBe(
      'NINO must be a string such as AB 12 34 56 C, not the number 123456',
    );
  });
});

describe('formatNino', () => {
  it.each([
    ['AB123456C', 'AB 12 34 56 C'],
    ['ab 123456 c', 'AB 12 34 56 C'],
  ])('formats %j as %s', (input, expected) => {
    expect(formatNino(input)).toBe(expected);
  });

  it('refuses what parseNino refuses', () => {
    expectRejected(() => formatNino('11 A1 11 11'), 'INVALID_NINO');
  });
});
