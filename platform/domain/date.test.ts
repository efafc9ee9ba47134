import { describe, expect, it } from 'vitest';
import { parseDate } from './date.ts';
import { expectRejected, HOSTILE_INPUTS } from './hostile-inputs.fixture.ts';

describe('parseDate', () => {
  it.each(['2026-04-06', '2024-02-29', '2000-02-29', '2026-01-31', '2026-04-30', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (input) => {
      expect(parseDate(input)).toBe(input);
    },
  );

  it.each([
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-02-30', 'no 30 February'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-06-31', 'June has 30 days'],
    ['2026-09-31', 'September has 30 days'],
    ['2026-11-31', 'November has 30 days'],
    ['2026-01-32', 'no month has 32 days'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['0000-01-01', 'no year 0'],
    ['2026-4-6', 'unpadded'],
    ['06/04/2026', 'UK order'],
    ['20260406', 'compact (a legacy format)'],
    ['2026-04-06T00:00:00Z', 'a timestamp'],
    ['2026-04-06\n', 'trailing newline'],
    [' 2026-04-06', 'leading space'],
    ['+02026-04-06', 'expanded year'],
    ['２０２６-04-06', 'full-width digits'],
  ])('rejects %j (%s)', (input) => {
    expect(expectRejected(() => parseDate(input), 'INVALID_DATE').message).toContain(
      'Date must be a real calendar date written YYYY-MM-DD, e.g. 2026-04-06;',
    );
  });

  it.each(HOSTILE_INPUTS)('rejects %s', (_label, input) => {
    expectRejected(() => parseDate(input), 'INVALID_DATE');
  });

  it('rejects a JavaScript Date, whose day depends on the time zone', () => {
    expectRejected(() => parseDate(new Date('2026-04-06T00:00:00Z')), 'INVALID_DATE');
  });
});
