import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, addYears, ageOn, fromDayNumber, isIsoDate, isoWeekday, toCompact, toDayMonthYear, toDayNumber } from './dates.ts';

describe('dates', () => {
  it('agrees with Date for every day from 1900 to 2100', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let day = start; day <= end; day += 1) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== expected || toDayNumber(expected) !== day) expect.fail(`day ${day} (${expected})`);
    }
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-01-31', 2, '2023-03-31'],
    ['2026-11-14', 2, '2027-01-14'],
    ['2026-03-30', -1, '2026-02-28'],
  ])('addMonthsClamped(%s, %i) is %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it.each([
    ['1960-02-29', 66, '2026-03-01'],
    ['1958-11-25', 66, '2024-11-25'],
  ])('addYears(%s, %i) is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['1960-11-25', '2026-11-25', 66],
    ['1960-11-26', '2026-11-25', 65],
    ['2008-02-29', '2026-02-28', 17],
  ])('ageOn(%s, %s) is %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('names ISO weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday(addDays('2026-11-23', 4))).toBe(5);
  });

  it('formats the legacy date shapes', () => {
    expect(toCompact('2026-01-05')).toBe('20260105');
    expect(toCompact(null)).toBe('');
    expect(toDayMonthYear('2026-01-05')).toBe('05/01/2026');
  });

  it.each([['2026-02-29', false], ['2026-13-01', false], ['26-01-01', false], ['2024-02-29', true]])('isIsoDate(%s) is %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});
