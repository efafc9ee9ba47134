import { addDays } from '../../platform/domain/index.ts';
import type { IsoDate } from './dates.ts';
import type { Address, Person, RelationshipType, Title } from './types.ts';

/** Building blocks shared by the generator and the showcase: a blank person, moves, and two-sided relationships. */
export interface PersonFields {
  nino: string;
  householdId: string;
  title: Title;
  forename1: string;
  forename2: string;
  surname: string;
  sex: 'M' | 'F';
  dateOfBirth: IsoDate;
  dateOfDeath?: IsoDate | null;
  restricted?: boolean;
  welsh?: boolean;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
}

export function createPerson(fields: PersonFields): Person {
  return {
    nino: fields.nino,
    householdId: fields.householdId,
    title: fields.title,
    forename1: fields.forename1,
    forename2: fields.forename2,
    surname: fields.surname,
    sex: fields.sex,
    dateOfBirth: fields.dateOfBirth,
    dateOfDeath: fields.dateOfDeath ?? null,
    restricted: fields.restricted ?? false,
    welsh: fields.welsh ?? false,
    phone: fields.phone ?? null,
    mobile: fields.mobile ?? null,
    email: fields.email ?? null,
    addresses: [],
    relationships: [],
    statePension: null,
    universalCredit: null,
    disabilityAwards: [],
    cisAwards: [],
    jsapsAwards: [],
    paymentAccount: null,
  };
}

/** Ends the current residential spell the day before `start` and opens a new one. */
export function moveIn(person: Person, address: Address, start: IsoDate): void {
  const current = person.addresses.findLast((spell) => spell.type === 'RES' && spell.end === null);
  if (current) current.end = addDays(start, -1);
  person.addresses.push({ type: 'RES', address, start, end: null });
}

/** Post goes to `address` (typically an appointee's) from `start`. */
export function addCorrespondenceAddress(person: Person, address: Address, start: IsoDate): void {
  person.addresses.push({ type: 'COR', address, start, end: null });
}

export function currentResidence(person: Person): Address | undefined {
  return person.addresses.findLast((spell) => spell.type === 'RES' && spell.end === null)?.address;
}

function relate(a: Person, aSees: RelationshipType, b: Person, bSees: RelationshipType, start: IsoDate, end: IsoDate | null): void {
  a.relationships.push({ type: aSees, nino: b.nino, start, end });
  b.relationships.push({ type: bSees, nino: a.nino, start, end });
}

export function relatePartners(a: Person, b: Person, start: IsoDate, end: IsoDate | null = null): void {
  relate(a, 'PTNR', b, 'PTNR', start, end);
}

export function relateParentAndChild(parent: Person, child: Person): void {
  relate(parent, 'CHLD', child, 'PRNT', child.dateOfBirth, null);
}

export function relateAppointee(appointee: Person, actingFor: Person, start: IsoDate, end: IsoDate | null = null): void {
  relate(appointee, 'APTR', actingFor, 'APTE', start, end);
}

export function relateCarer(carer: Person, caredFor: Person, start: IsoDate, end: IsoDate | null = null): void {
  relate(carer, 'CARD', caredFor, 'CARR', start, end);
}
