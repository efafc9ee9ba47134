import { describe, expect, it } from 'vitest';
import { dateBetween, isIsoDate, toCompact, toDayMonthYear } from './dates.ts';

describe('dates', () => {
  it('formats the legacy date shapes', () => {
    expect(toCompact('2026-01-05')).toBe('20260105');
    expect(toCompact(null)).toBe('');
    expect(toDayMonthYear('2026-01-05')).toBe('05/01/2026');
  });

  it.each([['2026-02-29', false], ['2026-13-01', false], ['26-01-01', false], ['2024-02-29', true]])('isIsoDate(%s) is %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe('dateBetween', () => {
  // A stand-in for the seeded generator that always picks the lowest or highest day allowed.
  const lowest = { int: (min: number) => min };
  const highest = { int: (_min: number, max: number) => max };

  it.each([
    ['the first', lowest, '2024-02-28', '2024-03-01', '2024-02-28'],
    ['the last', highest, '2024-02-28', '2024-03-01', '2024-03-01'],
    ['the only', highest, '2026-04-06', '2026-04-06', '2026-04-06'],
  ])('can choose %s day from %s to %s', (_which, random, from, to, expected) => {
    expect(dateBetween(random, from, to)).toBe(expected);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => dateBetween(lowest, '2026-04-06', '2026-04-05')).toThrow(RangeError);
  });
});
