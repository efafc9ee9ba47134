import { createHomeAllocator } from './addresses.ts';
import { buildCluster, peopleIn, planCluster, SINGLE_PERSON_PLAN } from './clusters.ts';
import { isIsoDate } from './dates.ts';
import type { IsoDate } from './dates.ts';
import type { GenerationContext } from './demography.ts';
import { createNinoAllocator } from './nino.ts';
import { createRng } from './prng.ts';
import { buildShowcase } from './showcase.ts';
import type { Person } from './types.ts';

export interface PopulationOptions {
  seed: number;
  /** Total people, showcase citizens included. */
  size: number;
  /** The day the population describes: ages, award states and last payments are as at this date. */
  asOf: IsoDate;
}

/** The showcase's fixed dates need an `asOf` on or after this. */
const EARLIEST_AS_OF = '2025-06-01';

/**
 * The synthetic population, one person at a time: the showcase citizens first, then
 * clusters of related households. Lazy, so a million people stream through in bounded
 * memory; the same options always give the same people in the same order.
 */
export function* generatePopulation(options: PopulationOptions): Generator<Person, void, undefined> {
  const { seed, size, asOf } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  if (!isIsoDate(asOf) || asOf < EARLIEST_AS_OF) throw new RangeError(`asOf must be a YYYY-MM-DD date on or after ${EARLIEST_AS_OF}`);
  const showcase = buildShowcase(asOf);
  if (!Number.isSafeInteger(size) || size < showcase.length) throw new RangeError(`size must be an integer of at least ${showcase.length}`);

  let personSerial = 0;
  let householdSerial = 0;
  const context: GenerationContext = {
    seed,
    asOf,
    ninos: createNinoAllocator(seed),
    homes: createHomeAllocator(seed),
    nextPersonSerial: () => personSerial++,
    nextHouseholdSerial: () => householdSerial++,
  };

  yield* showcase;
  let remaining = size - showcase.length;
  for (let cluster = 0; remaining > 0; cluster++) {
    const rng = createRng(seed, cluster);
    const planned = planCluster(rng);
    const people = buildCluster(context, rng, peopleIn(planned) <= remaining ? planned : SINGLE_PERSON_PLAN);
    remaining -= people.length;
    yield* people;
  }
}

/** How many people the showcase contributes to every population. */
export function showcaseSize(): number {
  return buildShowcase(EARLIEST_AS_OF).length;
}
