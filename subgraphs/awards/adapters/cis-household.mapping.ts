import { z } from 'zod';
import { fromYyyymmdd, mapWire } from '../../../platform/formats/index.ts';

/** The fields of CIS relationship and person records Healthy Start reads; the rest stays in their own subgraphs. */
const wireRelationship = z.object({ NINO: z.string(), REL_TYPE_CD: z.string(), REL_NINO: z.string() });
const wireBirth = z.object({ NINO: z.string(), BIRTH_DT: z.string() });

/** CIS RELATIONSHIP_LIST → each listed citizen's children (`CHLD`: REL_NINO is this person's child), by NINO. */
export function mapChildren(list: unknown[]): Map<string, string[]> {
  return mapWire('cis', z.array(wireRelationship), list, (relationships) => {
    const children = new Map<string, string[]>();
    for (const relationship of relationships) {
      if (relationship.REL_TYPE_CD === 'CHLD') children.set(relationship.NINO, [...(children.get(relationship.NINO) ?? []), relationship.REL_NINO]);
    }
    return children;
  });
}

/** CIS PERSON_LIST → each listed citizen's date of birth; a record without one is CIS failing, since every person has one. */
export function mapBirthDates(list: unknown[]): Map<string, string> {
  return mapWire('cis', z.array(wireBirth), list, (people) =>
    new Map(
      people.map((person) => {
        const born = fromYyyymmdd(person.BIRTH_DT);
        if (born === null) throw new TypeError('CIS person without a date of birth');
        return [person.NINO, born];
      }),
    ),
  );
}
