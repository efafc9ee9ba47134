import { describe, expect, it } from 'vitest';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';
import { formatMoney, isPence, parseMoney } from './money.ts';

describe('parseMoney', () => {
  it.each([
    ['241.30', 24130],
    ['241.3', 24130],
    ['241', 24100],
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['007.50', 750],
    ['999999999.99', 99_999_999_999],
    [241.3, 24130],
    [241.35, 24135],
    [0.07, 7],
    [86.45, 8645],
    [184.9, 18490],
    [2500, 250_000],
    [0, 0],
    [-0, 0],
  ])('reads %j as %i pence', (input, pence) => {
    expect(parseMoney(input)).toBe(pence);
  });

  it.each([
    ['-1.00', 'negative'],
    [-5, 'negative number'],
    ['241.305', 'three decimal places'],
    [241.305, 'three decimal places as a number'],
    [1.005, 'three decimal places, not rounded'],
    [0.1 + 0.2, 'float noise (0.30000000000000004)'],
    ['£241.30', 'currency symbol'],
    ['1,000.00', 'grouping'],
    ['241.', 'trailing point'],
    ['.50', 'no pounds'],
    ['+1', 'plus sign'],
    [' 241.30', 'leading space'],
    ['1e3', 'exponent'],
    [1e21, 'exponent number'],
    [1e-7, 'tiny number'],
    ['1000000000', 'over £999,999,999.99'],
    [1_000_000_000, 'over the cap as a number'],
    ['２４１', 'full-width digits'],
  ] as Array<[string | number, string]>)('rejects %j (%s)', (input) => {
    expect(expectRejected(() => parseMoney(input), 'INVALID_MONEY').message).toContain(
      'Money must be an amount in pounds with at most two decimal places and no sign, e.g. 241.30;',
    );
  });

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expectRejected(() => parseMoney(input), 'INVALID_MONEY');
  });
});

describe('formatMoney', () => {
  it.each([
    [24130, '241.30'],
    [24135, '241.35'],
    [7, '0.07'],
    [0, '0.00'],
    [250_000, '2500.00'],
    [99_999_999_999, '999999999.99'],
  ])('writes %i pence as %s', (pence, text) => {
    expect(formatMoney(pence)).toBe(text);
  });

  it.each([241.3, -1, Number.NaN, 100_000_000_000, Number.MAX_SAFE_INTEGER + 2])('refuses %d: not whole pence in range', (value) => {
    expect(isPence(value)).toBe(false);
    expect(() => formatMoney(value)).toThrow(RangeError);
  });

  it('round-trips every amount parseMoney reads', () => {
    for (const text of ['0.00', '0.01', '0.99', '1.00', '86.45', '241.30', '999999999.99']) {
      expect(formatMoney(parseMoney(text))).toBe(text);
    }
  });
});
