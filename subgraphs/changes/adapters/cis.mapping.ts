import { z } from 'zod';
import { fromYyyymmdd, isCisRestricted, mapWire } from '../../../platform/formats/index.ts';

/** What a change needs to know of the citizen from CIS before it is accepted. */
export interface CisPerson {
  /** As a confirmation greets them: first forename and surname. */
  readonly name: string;
  readonly restricted: boolean;
  readonly dateOfDeath: string | null;
  /** Where a confirmation can go; null when CIS holds none. */
  readonly email: string | null;
  readonly mobile: string | null;
}

const wirePerson = z.object({ NINO: z.string(), FORENAME_1: z.string(), SURNAME: z.string(), RESTRICTION_CD: z.string(), DEATH_DT: z.string(), MOBILE_NO: z.string(), EMAIL_ADDR: z.string() });
const wirePersonList = z.array(wirePerson);

/** CIS PERSON_LIST → each listed citizen; a NINO CIS does not hold is absent. */
export function mapPersons(list: unknown[]): Map<string, CisPerson> {
  return mapWire('cis', wirePersonList, list, (people) =>
    new Map(
      people.map((wire) => [
        wire.NINO,
        { name: `${wire.FORENAME_1.trim()} ${wire.SURNAME.trim()}`, restricted: isCisRestricted(wire.RESTRICTION_CD), dateOfDeath: fromYyyymmdd(wire.DEATH_DT), email: blankToNull(wire.EMAIL_ADDR), mobile: blankToNull(wire.MOBILE_NO) },
      ]),
    ),
  );
}

const wireRelationship = z.object({ NINO: z.string(), REL_TYPE_CD: z.string(), REL_NINO: z.string(), END_DT: z.string() });
const wireRelationshipList = z.array(wireRelationship);

/** CIS RELATIONSHIP_LIST → each citizen's current partner (PTNR with no end date), if any. */
export function mapPartners(list: unknown[]): Map<string, string> {
  return mapWire('cis', wireRelationshipList, list, (rows) => new Map(rows.filter((row) => row.REL_TYPE_CD === 'PTNR' && row.END_DT.trim() === '').map((row) => [row.NINO, row.REL_NINO])));
}

function blankToNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}
