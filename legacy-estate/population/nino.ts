import type { Rng } from './prng.ts';

/** domain.md's NINO rule: valid prefixes, six digits, suffix A-D. */
export const NINO_PATTERN = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** Reserved for the showcase citizens, so generated people can never collide with them. */
const SHOWCASE_PREFIX = 'SC';

const FIRST_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ';
const SECOND_LETTERS = 'ABCEGHJKLMNPRSTWXYZ';
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const SUFFIXES = ['A', 'B', 'C', 'D'] as const;
const NUMBERS_PER_PREFIX = 1_000_000;

const GENERATED_PREFIXES: readonly string[] = [...FIRST_LETTERS].flatMap((first) =>
  [...SECOND_LETTERS]
    .map((second) => first + second)
    .filter((prefix) => !NEVER_ISSUED.has(prefix) && prefix !== SHOWCASE_PREFIX),
);
const SPACE = GENERATED_PREFIXES.length * NUMBERS_PER_PREFIX;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface NinoAllocator {
  /** The NINO for the `serial`th generated person: distinct serials give distinct NINOs. */
  ninoFor(serial: number, rng: Rng): string;
}

/**
 * Spreads serial numbers over the whole NINO space with an affine bijection
 * (serial * step + offset mod space), so NINOs are unique without remembering the ones
 * already issued: that keeps a million-person stream in bounded memory.
 */
export function createNinoAllocator(seed: number): NinoAllocator {
  let step = (Math.abs(seed * 7_919) % (SPACE - 1_000)) + 1_000;
  while (gcd(step, SPACE) !== 1) step++;
  const offset = Math.abs(seed * 104_729) % SPACE;
  return {
    ninoFor(serial, rng) {
      if (serial >= SPACE) throw new RangeError('NINO space exhausted');
      // step * serial stays below 2^53 for any population this generator is meant for.
      const position = (step * serial + offset) % SPACE;
      const prefix = GENERATED_PREFIXES[Math.floor(position / NUMBERS_PER_PREFIX)];
      const digits = String(position % NUMBERS_PER_PREFIX).padStart(6, '0');
      return `${prefix}${digits}${rng.pick(SUFFIXES)}`;
    },
  };
}

/** The weekday State Pension (and the other 4-weekly benefits here) is paid: 1 Monday .. 5 Friday, from the last two digits. */
export function payDayFromNino(nino: string): 1 | 2 | 3 | 4 | 5 {
  const lastTwo = Number(nino.slice(6, 8));
  return (Math.floor(lastTwo / 20) + 1) as 1 | 2 | 3 | 4 | 5;
}

/** Accepts spaces and lower case, as callers type them. */
export function normaliseNino(value: string): string {
  return value.replaceAll(/\s+/g, '').toUpperCase();
}
