import { z } from 'zod';
import { fromYyyymmdd, mapWire } from '../../../platform/formats/index.ts';

/** The one field of a CIS person record the awards subgraph reads; the rest stays in identity. */
const wireDeath = z.object({ NINO: z.string(), DEATH_DT: z.string() });

/** What CIS records of a citizen's death: the date, or null while none is recorded. */
export interface DeathRecord {
  readonly dateOfDeath: string | null;
}

/** CIS PERSON_LIST → each listed citizen's date of death (null when CIS records none). */
export function mapDeathRecords(list: unknown[]): Map<string, DeathRecord> {
  return mapWire('cis', z.array(wireDeath), list, (people) => new Map(people.map((wire) => [wire.NINO, { dateOfDeath: fromYyyymmdd(wire.DEATH_DT) }])));
}
