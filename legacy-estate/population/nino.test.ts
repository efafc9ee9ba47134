import { describe, expect, it } from 'vitest';
import { NINO_PATTERN, createNinoAllocator, normaliseNino, payDayFromNino } from './nino.ts';
import { createRng } from './prng.ts';

describe('NINOs', () => {
  it.each([
    ['AB123400C', 1], ['AB123419C', 1], ['AB123420C', 2], ['AB123459C', 3], ['AB123479C', 4], ['AB123480C', 5], ['AB123499C', 5],
  ])('pays %s on weekday %i', (nino, day) => {
    expect(payDayFromNino(nino)).toBe(day);
  });

  it('allocates valid, distinct NINOs and never the showcase or dummy prefixes', () => {
    const allocator = createNinoAllocator(20261125);
    const rng = createRng(1);
    const ninos = Array.from({ length: 50_000 }, (_, serial) => allocator.ninoFor(serial, rng));
    expect(new Set(ninos.map((nino) => nino.slice(0, 8))).size).toBe(ninos.length);
    for (const nino of ninos) {
      if (!NINO_PATTERN.test(nino) || nino.startsWith('SC') || nino.startsWith('QQ')) expect.fail(`bad NINO ${nino}`);
    }
  });

  it('spreads different seeds over different NINOs', () => {
    const rng = createRng(1);
    expect(createNinoAllocator(1).ninoFor(0, rng).slice(0, 8)).not.toBe(createNinoAllocator(2).ninoFor(0, rng).slice(0, 8));
  });

  it('normalises spaces and case', () => {
    expect(normaliseNino(' ab 12 34 56 c ')).toBe('AB123456C');
  });
});
