import { describe, expect, it } from 'vitest';
import { formatBenefit, formatDate, formatDateOrTime, formatDateTime, formatEnum, formatMoney, formatNino, systemTitle } from './format.ts';

describe('values written for people', () => {
  it.each([
    [formatDate('1946-03-12'), '12 March 1946'],
    [formatDate(null), ''],
    [formatDate('not a date'), 'not a date'],
    [formatDateTime('2026-06-30T10:15:00Z'), '30 June 2026 at 11:15'],
    [formatDateOrTime('2026-11-09'), '9 November 2026'],
    [formatDateOrTime('2026-11-30T09:00:00.000Z'), '30 November 2026 at 9:00'],
    [systemTitle('pscs'), 'State Pension (Pension Strategy Computer System)'],
    [systemTitle('toString'), undefined],
    [systemTitle(undefined), undefined],
    [formatMoney('676.80'), '£676.80'],
    [formatMoney(null), ''],
    [formatBenefit('CARERS_ALLOWANCE'), "Carer's Allowance"],
    [formatBenefit('SOMETHING_NEW'), 'Something new'],
    [formatEnum('FOUR_WEEKLY'), 'Four weekly'],
    [formatEnum(undefined), ''],
    [formatNino('sc100021a'), 'SC 10 00 21 A'],
    [formatNino('SC 10 00 21 A'), 'SC 10 00 21 A'],
    [formatNino('nonsense'), 'nonsense'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
