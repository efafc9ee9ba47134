/**
 * A small seeded pseudo-random generator (sfc32 seeded through a splitmix-style mixer).
 * The population must be reproducible byte for byte from (seed, size, asOf), so nothing in
 * it may use Math.random; every random choice goes through one of these.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `choices`, each chosen in proportion to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
}

/** Mixes any number of integers into one well-spread 32-bit seed. */
function mixSeed(...parts: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    // Split doubles beyond 32 bits into two words so large seeds stay distinct.
    const low = part >>> 0;
    const high = Math.floor(part / 0x1_0000_0000) >>> 0;
    for (const word of [low, high]) {
      hash = Math.imul(hash ^ word, 0x85ebca6b);
      hash ^= hash >>> 13;
      hash = Math.imul(hash, 0xc2b2ae35);
      hash ^= hash >>> 16;
    }
  }
  return hash >>> 0;
}

export function createRng(...seedParts: readonly number[]): Rng {
  let a = mixSeed(...seedParts, 1);
  let b = mixSeed(...seedParts, 2);
  let c = mixSeed(...seedParts, 3);
  let d = mixSeed(...seedParts, 4);

  function nextUint32(): number {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const result = (t + d) | 0;
    c = (c + result) | 0;
    return result >>> 0;
  }
  // Discard the first outputs: sfc32 needs a few rounds to diffuse its seed.
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    next: () => nextUint32() / 0x1_0000_0000,
    int: (min, max) => min + Math.floor(rng.next() * (max - min + 1)),
    chance: (p) => rng.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(rng.next() * items.length)] as (typeof items)[number];
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = rng.next() * total;
      for (const [value, weight] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (!last) throw new RangeError('cannot choose from an empty list');
      return last[0];
    },
  };
  return rng;
}
