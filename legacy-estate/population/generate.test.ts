import { describe, expect, it } from 'vitest';
import { generatePopulation, showcaseSize } from './generate.ts';
import { SHOWCASE } from './showcase.ts';

const AS_OF = '2026-11-25';
const serialise = (seed: number, size: number, asOf = AS_OF) => [...generatePopulation({ seed, size, asOf })].map((person) => JSON.stringify(person));

describe('generatePopulation', () => {
  it('gives the same people, byte for byte, for the same seed, size and date', () => {
    expect(serialise(42, 2_000).join('\n')).toBe(serialise(42, 2_000).join('\n'));
  });

  it('gives different people for a different seed', () => {
    const first = serialise(42, 500).slice(showcaseSize());
    const second = serialise(43, 500).slice(showcaseSize());
    const shared = first.filter((line, index) => line === second[index]);
    expect(shared).toEqual([]);
  });

  it('keeps the same people, with payments moved on, for a later date', () => {
    const earlier = [...generatePopulation({ seed: 42, size: 200, asOf: AS_OF })];
    const later = [...generatePopulation({ seed: 42, size: 200, asOf: '2027-01-25' })];
    expect(later.map((person) => person.nino)).toEqual(earlier.map((person) => person.nino));
  });

  it.each([showcaseSize(), showcaseSize() + 1, 50, 1_001])('produces exactly %i people, showcase first', (size) => {
    const people = [...generatePopulation({ seed: 1, size, asOf: AS_OF })];
    expect(people).toHaveLength(size);
    expect(people[0]?.nino).toBe(SHOWCASE.pensionerCouple.nino);
  });

  it('is lazy: the first people of a million arrive without generating the rest', () => {
    const started = performance.now();
    const people = generatePopulation({ seed: 1, size: 1_000_000, asOf: AS_OF });
    for (let taken = 0; taken < 200; taken++) expect(people.next().done).toBe(false);
    // Generating all million takes about a minute; 200 people take milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    [{ seed: 1, size: 5, asOf: AS_OF }, /size/],
    [{ seed: 1.5, size: 100, asOf: AS_OF }, /seed/],
    [{ seed: 1, size: 100, asOf: '2026-02-30' }, /asOf/],
    [{ seed: 1, size: 100, asOf: '2020-01-01' }, /asOf/],
  ])('refuses bad options %o', (options, message) => {
    expect(() => generatePopulation(options).next()).toThrow(message);
  });
});
