import { z } from 'zod';
import { fromYyyymmdd, isCisRestricted, mapWire } from '../../../platform/formats/index.ts';
import type { Person, TraceCandidate } from '../domain.ts';

const wirePerson = z.object({
  NINO: z.string(),
  TITLE_CD: z.string(),
  FORENAME_1: z.string(),
  FORENAME_2: z.string(),
  SURNAME: z.string(),
  SEX_CD: z.enum(['M', 'F']),
  BIRTH_DT: z.string(),
  DEATH_DT: z.string(),
  RESTRICTION_CD: z.string(),
  PREF_LANG_CD: z.string(),
  TEL_NO: z.string(),
  MOBILE_NO: z.string(),
  EMAIL_ADDR: z.string(),
});
const wirePersonList = z.array(wirePerson);

const wireTraceCandidate = wirePerson.extend({ CURR_POSTCODE: z.string() });
const wireTraceCandidateList = z.array(wireTraceCandidate);

const TITLES: Readonly<Record<string, string>> = { MR: 'Mr', MRS: 'Mrs', MS: 'Ms', MISS: 'Miss', DR: 'Dr', MX: 'Mx' };

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function toPerson(wire: z.infer<typeof wirePerson>): Person {
  const dateOfBirth = fromYyyymmdd(wire.BIRTH_DT);
  if (!dateOfBirth) throw new TypeError('CIS person without a date of birth');
  return {
    nino: wire.NINO,
    title: TITLES[wire.TITLE_CD] ?? blankToNull(wire.TITLE_CD),
    givenName: wire.FORENAME_1,
    middleNames: blankToNull(wire.FORENAME_2),
    familyName: wire.SURNAME,
    sex: wire.SEX_CD === 'F' ? 'FEMALE' : 'MALE',
    dateOfBirth,
    dateOfDeath: fromYyyymmdd(wire.DEATH_DT),
    restricted: isCisRestricted(wire.RESTRICTION_CD),
    preferredLanguage: wire.PREF_LANG_CD === 'CY' ? 'WELSH' : 'ENGLISH',
    contact: { phone: blankToNull(wire.TEL_NO), mobile: blankToNull(wire.MOBILE_NO), email: blankToNull(wire.EMAIL_ADDR) },
  };
}

/** CIS PERSON_LIST → people keyed by NINO. */
export function mapPersons(list: unknown[]): Map<string, Person> {
  return mapWire('cis', wirePersonList, list, (people) => new Map(people.map((wire) => [wire.NINO, toPerson(wire)])));
}

/** CIS trace PERSON_LIST → candidates with their current postcode. */
export function mapTraceCandidates(list: unknown[]): TraceCandidate[] {
  return mapWire('cis', wireTraceCandidateList, list, (candidates) =>
    candidates.map((wire) => ({ person: toPerson(wire), currentPostcode: blankToNull(wire.CURR_POSTCODE) })),
  );
}
