import { normaliseNino } from '../population/nino.ts';
import type { IsoDate } from '../population/dates.ts';
import type { Person } from '../population/types.ts';

/**
 * Look-ups built once at start so every request costs O(batch): by NINO, by date of birth
 * (for CIS trace) and the postcodes of the address book.
 */
export interface PopulationIndex {
  readonly people: readonly Person[];
  byNino(nino: string): Person | undefined;
  bornOn(date: IsoDate): readonly Person[];
  /** Every postcode anyone in the population has lived at; the look-up serves all addresses there. */
  hasPostcode(postcode: string): boolean;
  /** How many postcodes that is. */
  readonly postcodeCount: number;
}

export function indexPopulation(people: readonly Person[]): PopulationIndex {
  const ninos = new Map<string, Person>();
  const births = new Map<IsoDate, Person[]>();
  const postcodes = new Set<string>();
  for (const person of people) {
    ninos.set(person.nino, person);
    const sameDay = births.get(person.dateOfBirth);
    if (sameDay) sameDay.push(person);
    else births.set(person.dateOfBirth, [person]);
    for (const spell of person.addresses) postcodes.add(spell.address.postcode);
  }
  return {
    people,
    byNino: (nino) => ninos.get(normaliseNino(nino)),
    bornOn: (date) => births.get(date) ?? [],
    hasPostcode: (postcode) => postcodes.has(postcode),
    postcodeCount: postcodes.size,
  };
}
