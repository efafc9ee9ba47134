import { z } from 'zod';
import { fromYyyymmdd, mapWire } from '../../../platform/formats/index.ts';

/** The fields of CIS person and relationship records awards reads; the rest stays in their own subgraphs. */
const wirePerson = z.object({ NINO: z.string(), BIRTH_DT: z.string(), DEATH_DT: z.string() });
const wirePersonList = z.array(wirePerson);
const wireRelationship = z.object({ NINO: z.string(), REL_TYPE_CD: z.string(), REL_NINO: z.string() });
const wireRelationshipList = z.array(wireRelationship);

/** What CIS records of a citizen's birth and death; null where CIS records none. */
export interface PersonDates {
  readonly dateOfBirth: string | null;
  readonly dateOfDeath: string | null;
}

/**
 * CIS PERSON_LIST → each listed citizen's dates of birth and death. A blank date is null; an
 * impossible one is CIS failing. Whether a missing birth date matters is the reader's call:
 * a payment schedule needs only the death, the Healthy Start check needs the birth.
 */
export function mapPersonDates(list: unknown[]): Map<string, PersonDates> {
  return mapWire('cis', wirePersonList, list, (people) =>
    new Map(people.map((wire) => [wire.NINO, { dateOfBirth: fromYyyymmdd(wire.BIRTH_DT), dateOfDeath: fromYyyymmdd(wire.DEATH_DT) }])),
  );
}

/** CIS RELATIONSHIP_LIST → each listed citizen's children (`CHLD`: REL_NINO is this person's child), by NINO. */
export function mapChildren(list: unknown[]): Map<string, string[]> {
  return mapWire('cis', wireRelationshipList, list, (relationships) => {
    const children = new Map<string, string[]>();
    for (const relationship of relationships) {
      if (relationship.REL_TYPE_CD === 'CHLD') children.set(relationship.NINO, [...(children.get(relationship.NINO) ?? []), relationship.REL_NINO]);
    }
    return children;
  });
}
