import { describe, expect, it } from 'vitest';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';
import { outwardCode, parsePostcode } from './postcode.ts';
import type { Postcode } from './postcode.ts';

describe('parsePostcode', () => {
  it.each([
    ['LS1 4AP', 'LS1 4AP'],
    ['ls14ap', 'LS1 4AP'],
    ['  ls1   4ap  ', 'LS1 4AP'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['ec1a1bb', 'EC1A 1BB'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parsePostcode(input)).toBe(expected);
  });

  it.each([
    ['QA1 1AA', 'first letter is never Q, V or X'],
    ['VA1 1AA', 'breaks the letter rules'],
    ['X1 1AA', 'breaks the letter rules'],
    ['AI1 1AA', 'the second never I, J or Z'],
    ['AJ1 1AA', 'breaks the letter rules'],
    ['AZ1 1AA', 'breaks the letter rules'],
    ['LS1 4CP', 'the last two never C, I, K, M, O or V'],
    ['LS1 4AI', 'breaks the letter rules'],
    ['LS1 4KA', 'breaks the letter rules'],
    ['LS1 4AM', 'breaks the letter rules'],
    ['LS1 4OA', 'breaks the letter rules'],
    ['LS1 4AV', 'breaks the letter rules'],
    ['LS1', "Postcode must be an outward and inward code, e.g. LS1 4AP; 'LS1' is not valid"],
    ['LS1 4A', "'LS1 4A' is not valid"],
    ['LSS1 4AP', "'LSS1 4AP' is not valid"],
    ['1LS 4AP', "'1LS 4AP' is not valid"],
    ['GIR 0AA', "'GIR 0AA' is not valid"],
    ['LS1 4AP'.padEnd(20, ' ') + 'x', 'is not valid'],
  ])('rejects %j: %s', (input, message) => {
    expect(expectRejected(() => parsePostcode(input), 'INVALID_POSTCODE').message).toContain(message);
  });

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expectRejected(() => parsePostcode(input), 'INVALID_POSTCODE');
  });
});

describe('outwardCode', () => {
  it.each([
    ['LS1 4AP', 'LS1'],
    ['EC1A 1BB', 'EC1A'],
    ['M1 1AE', 'M1'],
  ])('of %s is %s', (postcode, expected) => {
    expect(outwardCode(postcode as Postcode)).toBe(expected);
  });
});
