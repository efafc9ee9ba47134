import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  addMonthsOnDay,
  addYears,
  ageOn,
  calendarMonthsBetween,
  dateParts,
  daysBetween,
  earliest,
  fromDayNumber,
  isoWeekday,
  maxDate,
  minDate,
  onOrAfterWeekday,
  toDayNumber,
} from './calendar.ts';

describe('day numbers', () => {
  it('agree with Date for every day from 1900 to 2100', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let day = start; day <= end; day += 1) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== expected || toDayNumber(expected) !== day) expect.fail(`day ${day} (${expected})`);
    }
  });

  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['1900-01-01', -25_567],
    ['0001-01-01', -719_162],
  ])('%s is day %i', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });

  it('splits a date into numbers', () => {
    expect(dateParts('2026-04-06')).toEqual({ year: 2026, month: 4, day: 6 });
  });

  it.each(['20260406', '2026-4-06', '06/04/2026', ''])('refuses %j, which is not ISO-shaped', (value) => {
    expect(() => toDayNumber(value)).toThrow(TypeError);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-11-13', 7, '2026-11-20', 'a week'],
    ['2026-11-25', 28, '2026-12-23', 'within a year'],
    ['2026-12-30', 5, '2027-01-04', 'over a year end'],
    ['2026-01-31', 1, '2026-02-01', 'over a month end'],
    ['2028-02-28', 1, '2028-02-29', 'onto a leap day'],
    ['2026-02-28', 1, '2026-03-01', 'past February in a common year'],
    ['1900-02-28', 1, '1900-03-01', 'past February in a century common year'],
    ['2000-02-28', 1, '2000-02-29', 'onto a 400-year leap day'],
    ['2026-03-01', -1, '2026-02-28', 'backwards over a month end'],
    ['2025-01-01', -366, '2024-01-01', 'backwards over a leap year'],
    ['1970-01-05', -10, '1969-12-26', 'before day zero'],
    ['2026-04-06', 0, '2026-04-06', 'by nothing'],
  ])('%s plus %i days is %s (%s)', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
    expect(daysBetween(from, expected)).toBe(days);
    expect(daysBetween(expected, from)).toBe(0 - days); // not -days: toBe tells -0 from 0
  });
});

describe('addYears', () => {
  it.each([
    ['1958-11-25', 66, '2024-11-25'],
    ['1960-02-29', 66, '2026-03-01'],
    ['1960-02-29', 64, '2024-02-29'],
    ['2024-02-29', -1, '2023-03-01'],
    ['2026-12-31', -100, '1926-12-31'],
  ])('%s plus %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('adding months', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2023-01-31', 2, '2023-03-31'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-11-14', 2, '2027-01-14'],
    ['2026-03-30', -1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-31', -12, '2025-05-31'],
    ['2026-02-28', 1, '2026-03-28'],
  ])('addMonthsClamped(%s, %i) keeps the day or takes the last: %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, 31, '2026-03-31'],
    ['2026-01-31', 1, 31, '2026-02-28'],
    ['2028-01-31', 1, 31, '2028-02-29'],
    ['2026-03-31', 1, 31, '2026-04-30'],
    ['2026-02-28', 10, 30, '2026-12-30'],
    ['2026-02-28', -2, 29, '2025-12-29'],
    ['2026-04-06', 0, 1, '2026-04-01'],
  ])('addMonthsOnDay(%s, %i, %i) is %s', (date, months, dayOfMonth, expected) => {
    expect(addMonthsOnDay(date, months, dayOfMonth)).toBe(expected);
  });

  it.each([0, 32, 1.5, Number.NaN])('addMonthsOnDay refuses day of month %s', (dayOfMonth) => {
    expect(() => addMonthsOnDay('2026-04-06', 1, dayOfMonth)).toThrow(RangeError);
  });

  it('steps from the 31st drift when clamped each time but hold their day when kept on it', () => {
    const clampedSteps = [1, 2].reduce((date) => addMonthsClamped(date, 1), '2026-01-31');
    expect(clampedSteps).toBe('2026-03-28');
    expect(addMonthsOnDay(addMonthsOnDay('2026-01-31', 1, 31), 1, 31)).toBe('2026-03-31');
  });

  it.each([
    ['2026-01-31', '2026-02-01', 1],
    ['2026-11-14', '2027-01-01', 2],
    ['2026-04-06', '2026-04-30', 0],
    ['2027-01-01', '2026-12-31', -1],
  ])('calendarMonthsBetween(%s, %s) is %i', (from, to, months) => {
    expect(calendarMonthsBetween(from, to)).toBe(months);
  });
});

describe('ageOn', () => {
  it.each([
    ['1960-11-25', '2026-11-25', 66, 'on the birthday'],
    ['1960-11-26', '2026-11-25', 65, 'the day before it'],
    ['2008-02-29', '2026-02-28', 17, 'a leap-day birth in a common year, 28 February'],
    ['2008-02-29', '2026-03-01', 18, 'a leap-day birth in a common year, 1 March'],
    ['2008-02-29', '2028-02-29', 20, 'a leap-day birth on a leap day'],
    ['2026-04-06', '2026-04-06', 0, 'on the day of birth'],
  ])('born %s, on %s is %i (%s)', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('weekdays', () => {
  it.each([
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['1900-01-01', 1],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2026-04-06', 1],
    ['2026-11-23', 1],
    ['2026-11-25', 3],
    ['2026-11-27', 5],
    ['2026-11-29', 7],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['2026-11-25', 3, '2026-11-25'],
    ['2026-11-25', 5, '2026-11-27'],
    ['2026-11-25', 1, '2026-11-30'],
    ['2026-12-31', 1, '2027-01-04'],
    ['2024-02-28', 5, '2024-03-01'],
  ])('the first day on or after %s on weekday %i is %s', (date, weekday, expected) => {
    expect(onOrAfterWeekday(date, weekday)).toBe(expected);
  });
});

describe('ordering', () => {
  it.each([
    ['2025-12-31', '2026-01-01'],
    ['2026-01-01', '2026-01-01'],
  ])('of %s and %s', (earlier, later) => {
    expect(minDate(earlier, later)).toBe(earlier);
    expect(minDate(later, earlier)).toBe(earlier);
    expect(maxDate(earlier, later)).toBe(later);
    expect(maxDate(later, earlier)).toBe(later);
  });

  it.each([
    ['2026-01-01', '2025-01-01', '2025-01-01'],
    [null, '2025-01-01', '2025-01-01'],
    ['2026-01-01', null, '2026-01-01'],
    [null, null, null],
  ])('the earliest of %s and %s, ignoring nulls, is %s', (a, b, expected) => {
    expect(earliest(a, b)).toBe(expected);
  });
});
