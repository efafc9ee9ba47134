import { describe, expect, it } from 'vitest';
import { parseAccountNumber } from './account-number.ts';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';

describe('parseAccountNumber', () => {
  it.each([
    ['12345678', '12345678', '8 digits as given'],
    ['1234 5678', '12345678', 'spaces removed'],
    [' 12345678 ', '12345678', 'surrounding whitespace trimmed'],
    ['123456', '00123456', '6 digits padded with two zeros'],
    ['1234567', '01234567', '7 digits padded with one zero'],
    ['123456789', '123456789', '9 digits kept whole (Santander)'],
    ['1234567890', '1234567890', '10 digits kept whole (NatWest, Co-operative Bank)'],
    ['00000000', '00000000', 'all zeros (the modulus check, not this, judges it)'],
  ])('accepts %j as %s (%s)', (input, expected) => {
    expect(parseAccountNumber(input)).toBe(expected);
  });

  it.each(['12345', '12345678901', '1234-5678', '1234567a', '１２３４５６７８', '12\u00003456'])('rejects %j', (input) => {
    expect(expectRejected(() => parseAccountNumber(input), 'INVALID_ACCOUNT_NUMBER').message).toContain(
      'Account number must be 6 to 10 digits, usually 8, e.g. 12345678;',
    );
  });

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expectRejected(() => parseAccountNumber(input), 'INVALID_ACCOUNT_NUMBER');
  });

  it('rejects the number 12345678: an account number with leading zeros would lose them', () => {
    expectRejected(() => parseAccountNumber(12345678), 'INVALID_ACCOUNT_NUMBER');
  });
});
