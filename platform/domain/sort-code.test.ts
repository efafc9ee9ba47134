import { describe, expect, it } from 'vitest';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';
import { formatSortCode, parseSortCode } from './sort-code.ts';

describe('parseSortCode', () => {
  it.each([
    ['20-00-00', '200000'],
    ['20 00 00', '200000'],
    ['200000', '200000'],
    [' 08-99-99 ', '089999'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseSortCode(input)).toBe(expected);
  });

  it.each(['20-00 00', '20--00-00', '2000000', '20000', '20-00-0a', '20/00/00', '20.00.00', '２００００００', '١٢٣٤٥٦'])(
    'rejects %j',
    (input) => {
      expect(expectRejected(() => parseSortCode(input), 'INVALID_SORT_CODE').message).toMatch(
        /^Sort code must be six digits, e\.g\. 20-00-00, 20 00 00 or 200000; '.*' is not valid$/,
      );
    },
  );

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expectRejected(() => parseSortCode(input), 'INVALID_SORT_CODE');
  });

  it('rejects the number 200000: a sort code with a leading zero would lose it', () => {
    expectRejected(() => parseSortCode(200000), 'INVALID_SORT_CODE');
  });
});

describe('formatSortCode', () => {
  it('hyphenates pairs', () => {
    expect(formatSortCode(parseSortCode('089999'))).toBe('08-99-99');
  });
});
