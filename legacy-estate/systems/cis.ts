import { isIsoDate, toCompact } from '../population/dates.ts';
import { currentResidence } from '../population/people.ts';
import { poundsText } from '../population/rates.ts';
import type { AddressSpell, CisAward, Person, Relationship } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { json, stringListIn } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/**
 * Customer Information System: JSON with UPPER_SNAKE keys, `YYYYMMDD` dates ('' when
 * absent), `RETURN_CD` on every answer, up to 100 NINOs per enquiry.
 */
const BATCH_LIMIT = 100;
const TRACE_LIMIT = 500;

function personRecord(person: Person) {
  return {
    NINO: person.nino,
    TITLE_CD: person.title,
    FORENAME_1: person.forename1,
    FORENAME_2: person.forename2,
    SURNAME: person.surname,
    SEX_CD: person.sex,
    BIRTH_DT: toCompact(person.dateOfBirth),
    DEATH_DT: toCompact(person.dateOfDeath),
    RESTRICTION_CD: person.restricted ? 'PROTADDR' : 'NONE',
    PREF_LANG_CD: person.welsh ? 'CY' : 'EN',
    TEL_NO: person.phone ?? '',
    MOBILE_NO: person.mobile ?? '',
    EMAIL_ADDR: person.email ?? '',
  };
}

function addressRecord(nino: string, spell: AddressSpell, index: number) {
  const { address } = spell;
  const street = `${address.buildingNumber ?? ''} ${address.thoroughfare}`.trim();
  return {
    NINO: nino,
    ADDR_SEQ: index + 1,
    ADDR_TYPE_CD: spell.type,
    LINE_1: address.buildingName ?? street,
    LINE_2: address.buildingName ? street : '',
    LINE_3: '',
    POST_TOWN: address.postTown,
    POSTCODE: address.postcode,
    UPRN: address.uprn,
    START_DT: toCompact(spell.start),
    END_DT: toCompact(spell.end),
  };
}

function relationshipRecord(nino: string, relationship: Relationship) {
  return {
    NINO: nino,
    REL_TYPE_CD: relationship.type,
    REL_NINO: relationship.nino,
    START_DT: toCompact(relationship.start),
    END_DT: toCompact(relationship.end),
  };
}

/** CIS codes for a habitual-residence outcome. */
const HRT_OUTCOMES = { PASSED: 'P', FAILED: 'F', NOT_ASSESSED: 'N' } as const;

/** CIS leaves an amount a benefit does not have blank. */
function poundsOrBlank(pence: number | null): string {
  return pence === null ? '' : poundsText(pence);
}

function awardRecord(nino: string, award: CisAward) {
  return {
    NINO: nino,
    BEN_CD: award.benefit,
    STATUS_CD: award.status,
    COMPONENT_CD: award.component ?? '  ',
    WKLY_AMT: poundsOrBlank(award.weeklyPence),
    MTHLY_AMT: poundsOrBlank(award.monthlyPence),
    LUMP_SUM_AMT: poundsOrBlank(award.lumpSum?.pence ?? null),
    LUMP_SUM_PAID_DT: toCompact(award.lumpSum?.paidOn ?? null),
    START_DT: toCompact(award.start),
    END_DT: toCompact(award.end),
    PAY_FREQ_CD: award.payFrequency,
    PAY_DAY_CD: String(award.payDay),
    CHILD_ADD_IND: award.childAddition ? 'Y' : 'N',
    HRT_OUTCOME_CD: award.habitualResidence ? HRT_OUTCOMES[award.habitualResidence.outcome] : '',
    HRT_DECISION_DT: toCompact(award.habitualResidence?.decidedOn ?? null),
    LAST_PAID_DT: toCompact(award.lastPaidDate),
  };
}

function badRequest(message: string): SystemResponse {
  return json(400, { RETURN_CD: 'E102', RETURN_MSG: message });
}

/** A NINO-list enquiry: every found person's records under `listKey`, the rest in NOT_FOUND_LIST. */
function enquiry<T>(population: PopulationIndex, listKey: string, recordsOf: (person: Person) => T[]) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = stringListIn(request.body, 'NINO_LIST');
    if (!ninos) return badRequest('REQUEST MUST BE {"NINO_LIST":[...]}');
    if (ninos.length > BATCH_LIMIT) return badRequest(`NINO_LIST EXCEEDS ${BATCH_LIMIT} ENTRIES`);
    const records: T[] = [];
    const notFound: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = population.byNino(nino);
      if (!person) notFound.push(nino);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        records.push(...recordsOf(person));
      }
    }
    return json(200, { RETURN_CD: '0000', [listKey]: records, NOT_FOUND_LIST: notFound });
  };
}

function trace(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const compact = request.query.get('BIRTH_DT') ?? '';
    const iso = /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}` : '';
    if (!isIsoDate(iso)) return badRequest('BIRTH_DT (YYYYMMDD) IS REQUIRED');
    const candidates = population.bornOn(iso).slice(0, TRACE_LIMIT).map((person) => ({
      ...personRecord(person),
      CURR_POSTCODE: currentResidence(person)?.postcode ?? '',
    }));
    return json(200, { RETURN_CD: '0000', PERSON_LIST: candidates });
  };
}

export function createCisSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'cis',
    routes: [
      { method: 'POST', pattern: /^\/v1\/persons\/enquiry$/, operation: 'persons', handle: enquiry(population, 'PERSON_LIST', (person) => [personRecord(person)]) },
      {
        method: 'POST', pattern: /^\/v1\/addresses\/enquiry$/, operation: 'addresses',
        handle: enquiry(population, 'ADDRESS_LIST', (person) => person.addresses.map((spell, index) => addressRecord(person.nino, spell, index))),
      },
      {
        method: 'POST', pattern: /^\/v1\/relationships\/enquiry$/, operation: 'relationships',
        handle: enquiry(population, 'RELATIONSHIP_LIST', (person) => person.relationships.map((relationship) => relationshipRecord(person.nino, relationship))),
      },
      {
        method: 'POST', pattern: /^\/v1\/awards\/enquiry$/, operation: 'awards',
        handle: enquiry(population, 'AWARD_LIST', (person) => person.cisAwards.map((award) => awardRecord(person.nino, award))),
      },
      { method: 'GET', pattern: /^\/v1\/persons\/trace$/, operation: 'trace', handle: trace(population) },
    ],
    failure: (status, message) => json(status, { RETURN_CD: `E${status}`, RETURN_MSG: message.toUpperCase() }),
    malformed: () => json(200, {}),
  };
}
