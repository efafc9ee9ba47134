import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, earliest, isoWeekday, onOrAfterWeekday } from './calendar.ts';

describe('calendar', () => {
  it.each([
    ['2026-11-25', 28, '2026-12-23'],
    ['2026-12-30', 5, '2027-01-04'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s plus %i days is %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it.each<[string, number, number | undefined, string]>([
    ['2026-01-31', 1, undefined, '2026-02-28'],
    ['2028-01-31', 1, undefined, '2028-02-29'],
    ['2026-02-28', 1, 31, '2026-03-31'],
    ['2026-11-14', 2, undefined, '2027-01-14'],
    ['2026-03-31', -1, undefined, '2026-02-28'],
    ['2026-01-15', -13, undefined, '2024-12-15'],
  ])('%s plus %i months (day %s) is %s', (from, months, day, expected) => {
    expect(addMonths(from, months, day)).toBe(expected);
  });

  it('counts whole days either way', () => {
    expect(daysBetween('2026-11-13', '2026-11-20')).toBe(7);
    expect(daysBetween('2026-11-20', '2026-11-13')).toBe(-7);
  });

  it.each([
    ['2026-01-01', '2025-01-01', '2025-01-01'],
    [null, '2025-01-01', '2025-01-01'],
    ['2026-01-01', null, '2026-01-01'],
    [null, null, null],
  ])('the earliest of %s and %s is %s', (a, b, expected) => {
    expect(earliest(a, b)).toBe(expected);
  });
});

describe('weekdays', () => {
  it.each([
    ['2026-11-23', 1],
    ['2026-11-25', 3],
    ['2026-11-29', 7],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['2026-11-25', 3, '2026-11-25'],
    ['2026-11-25', 5, '2026-11-27'],
    ['2026-11-25', 1, '2026-11-30'],
  ])('the first day on or after %s on weekday %i is %s', (date, weekday, expected) => {
    expect(onOrAfterWeekday(date, weekday)).toBe(expected);
  });
});
