import { z } from 'zod';
import { isIsoDate, toCompact } from '../population/dates.ts';
import { currentResidence } from '../population/people.ts';
import { poundsText } from '../population/rates.ts';
import type { AddressSpell, CisAward, Person, Relationship } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { json, parseJson, stringListIn } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { awardEvents, blankAsNull as given, createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * Customer Information System: JSON with UPPER_SNAKE keys, `YYYYMMDD` dates ('' when
 * absent), `RETURN_CD` on every answer, up to 100 NINOs per enquiry. The master record:
 * it takes address, contact and death updates, and answers a repeated CLIENT_REF without
 * applying it again.
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

/** A NINO-list enquiry: every held person's records under each list's key, the rest in NOT_FOUND_LIST. */
function enquiry(ledger: SystemLedger, lists: Readonly<Record<string, (person: Person) => unknown[]>>) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = stringListIn(request.body, 'NINO_LIST');
    if (!ninos) return badRequest('REQUEST MUST BE {"NINO_LIST":[...]}');
    if (ninos.length > BATCH_LIMIT) return badRequest(`NINO_LIST EXCEEDS ${BATCH_LIMIT} ENTRIES`);
    const answer: Record<string, unknown[]> = Object.fromEntries(Object.keys(lists).map((key) => [key, []]));
    const notFound: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = ledger.view(nino);
      if (!person) notFound.push(nino);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        for (const [key, recordsOf] of Object.entries(lists)) answer[key]!.push(...recordsOf(person));
      }
    }
    return json(200, { RETURN_CD: '0000', ...answer, NOT_FOUND_LIST: notFound });
  };
}

function trace(population: PopulationIndex, ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const iso = isoFromCompact(request.query.get('BIRTH_DT') ?? '');
    if (!isIsoDate(iso)) return badRequest('BIRTH_DT (YYYYMMDD) IS REQUIRED');
    const candidates = population.bornOn(iso).slice(0, TRACE_LIMIT).map((born) => ledger.view(born.nino)!).map((person) => ({
      ...personRecord(person),
      CURR_POSTCODE: currentResidence(person)?.postcode ?? '',
    }));
    return json(200, { RETURN_CD: '0000', PERSON_LIST: candidates });
  };
}

function isoFromCompact(compact: string): string {
  return /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}` : '';
}

const CHANGE_TYPE_CODES = { address: 'ADDR', contact: 'CONT', death: 'DEATH' } as const;

const compactDate = z.string().transform(isoFromCompact).refine(isIsoDate, 'must be a real YYYYMMDD date');
const updateBase = { NINO: z.string().min(1), CLIENT_REF: z.string().min(1).max(64), EFFECTIVE_DT: compactDate };
const updateRequest = z.discriminatedUnion('CHANGE_TYPE_CD', [
  z.object({
    ...updateBase,
    CHANGE_TYPE_CD: z.literal('ADDR'),
    ADDRESS: z.object({
      UPRN: z.string().regex(/^\d{1,12}$/),
      BUILDING_NAME: z.string(),
      BUILDING_NO: z.string(),
      THOROUGHFARE: z.string().min(1),
      POST_TOWN: z.string().min(1),
      POSTCODE: z.string().min(5).max(8),
      RESTRICTION_CD: z.enum(['NONE', 'PROTADDR']),
    }),
  }),
  z.object({ ...updateBase, CHANGE_TYPE_CD: z.literal('CONT'), CONTACT: z.object({ TEL_NO: z.string(), MOBILE_NO: z.string(), EMAIL_ADDR: z.string() }) }),
  z.object({ ...updateBase, CHANGE_TYPE_CD: z.literal('DEATH'), DEATH_DT: compactDate }),
]);

function changeFromUpdate(update: z.infer<typeof updateRequest>): ChangeToApply {
  const base = { nino: update.NINO, reference: update.CLIENT_REF, effectiveDate: update.EFFECTIVE_DT };
  switch (update.CHANGE_TYPE_CD) {
    case 'ADDR': {
      const address = update.ADDRESS;
      return {
        ...base,
        kind: 'address',
        address: { uprn: address.UPRN, buildingName: given(address.BUILDING_NAME), buildingNumber: given(address.BUILDING_NO), thoroughfare: address.THOROUGHFARE, postTown: address.POST_TOWN, postcode: address.POSTCODE },
        restricted: address.RESTRICTION_CD === 'PROTADDR',
      };
    }
    case 'CONT':
      return { ...base, kind: 'contact', phone: given(update.CONTACT.TEL_NO), mobile: given(update.CONTACT.MOBILE_NO), email: given(update.CONTACT.EMAIL_ADDR) };
    case 'DEATH':
      return { ...base, kind: 'death', effectiveDate: update.DEATH_DT };
  }
}

/** `POST /v1/persons/update`: one change; E201 for a NINO CIS does not hold; a repeated CLIENT_REF is answered ALREADY_APPLIED. */
function update(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const parsed = updateRequest.safeParse(parseJson(request.body));
    if (!parsed.success) return badRequest('UPDATE REQUEST IS NOT VALID');
    const result = ledger.apply(changeFromUpdate(parsed.data));
    if (result === 'no-record') return json(200, { RETURN_CD: 'E201', RETURN_MSG: 'NINO NOT HELD' });
    return json(200, { RETURN_CD: '0000', CLIENT_REF: parsed.data.CLIENT_REF, UPDATE_STATUS_CD: result === 'applied' ? 'APPLIED' : 'ALREADY_APPLIED' });
  };
}

/** `YYYYMMDDHHMMSS` in UTC, as CIS stamps its updates. */
function timestamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

function changeRecord(change: AppliedChange) {
  return {
    NINO: change.nino,
    CLIENT_REF: change.reference,
    CHANGE_TYPE_CD: CHANGE_TYPE_CODES[change.kind],
    EFFECTIVE_DT: toCompact(change.effectiveDate),
    APPLIED_TS: timestamp(change.appliedAt),
  };
}

const EVENT_CODES = { STARTED: 'STRT', CHANGED: 'CHNG', STOPPED: 'STOP', PAID: 'PAID' } as const;
const WEEKS_PER_PAYMENT = { '1W': 1, '2W': 2, '4W': 4 } as const;

function paymentPence(award: CisAward): number {
  if (award.payFrequency === '1M') return award.monthlyPence ?? 0;
  return (award.weeklyPence ?? 0) * WEEKS_PER_PAYMENT[award.payFrequency];
}

function eventRecords(nino: string, award: CisAward) {
  return awardEvents({ start: award.start, end: award.end, stopped: award.status === 'TERM', lastPaidDate: award.lastPaidDate, paymentPence: paymentPence(award) }).map((event) => ({
    NINO: nino,
    BEN_CD: award.benefit,
    EVENT_CD: EVENT_CODES[event.event],
    EVENT_DT: toCompact(event.date),
    AMT: poundsOrBlank(event.pence),
  }));
}

export function createCisSystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  // CIS is the master: it holds everyone in the population.
  const ledger = createLedger(population, records, { holds: () => true, idempotent: true });
  return {
    id: 'cis',
    routes: [
      { method: 'POST', pattern: /^\/v1\/persons\/enquiry$/, operation: 'persons', handle: enquiry(ledger, { PERSON_LIST: (person) => [personRecord(person)] }) },
      {
        method: 'POST', pattern: /^\/v1\/addresses\/enquiry$/, operation: 'addresses',
        handle: enquiry(ledger, { ADDRESS_LIST: (person) => person.addresses.map((spell, index) => addressRecord(person.nino, spell, index)) }),
      },
      {
        method: 'POST', pattern: /^\/v1\/relationships\/enquiry$/, operation: 'relationships',
        handle: enquiry(ledger, { RELATIONSHIP_LIST: (person) => person.relationships.map((relationship) => relationshipRecord(person.nino, relationship)) }),
      },
      {
        method: 'POST', pattern: /^\/v1\/awards\/enquiry$/, operation: 'awards',
        handle: enquiry(ledger, { AWARD_LIST: (person) => person.cisAwards.map((award) => awardRecord(person.nino, award)) }),
      },
      {
        method: 'POST', pattern: /^\/v1\/history\/enquiry$/, operation: 'history',
        handle: enquiry(ledger, {
          CHANGE_LIST: (person) => ledger.changesOf(person).map(changeRecord),
          EVENT_LIST: (person) => person.cisAwards.flatMap((award) => eventRecords(person.nino, award)),
        }),
      },
      { method: 'POST', pattern: /^\/v1\/persons\/update$/, operation: 'update', handle: update(ledger), write: true },
      { method: 'GET', pattern: /^\/v1\/persons\/trace$/, operation: 'trace', handle: trace(population, ledger) },
    ],
    records,
    failure: (status, message) => json(status, { RETURN_CD: `E${status}`, RETURN_MSG: message.toUpperCase() }),
    malformed: () => json(200, {}),
  };
}
