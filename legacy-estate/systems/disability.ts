import { isIsoDate, toCompact } from '../population/dates.ts';
import type { DisabilityAward, Person } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { text } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { awardEvents, blankAsNull as given, createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * The PIP / DLA / AA system: 80-column fixed-width records, one NINO per call. Changes
 * arrive as one 320-column change record; the system files every record it is sent, so a
 * change record sent twice is applied twice.
 */
const RECORD_WIDTH = 80;
const CHANGE_RECORD_WIDTH = 320;

function pence(amount: number): string {
  return String(amount).padStart(8, '0');
}

/** Columns as the README's table: 1-3 type, 4-12 NINO, 13-16 benefit, 17 status, ... 62 pay day. */
function awardLine(nino: string, award: DisabilityAward): string {
  const line =
    'AWD' +
    nino.padEnd(9) +
    award.benefit.padEnd(4) +
    award.status +
    toCompact(award.start) +
    (toCompact(award.end) || ' '.repeat(8)) +
    (award.careCode ?? '  ') +
    pence(award.carePence) +
    (award.mobilityCode ?? '  ') +
    pence(award.mobilityPence) +
    (toCompact(award.lastPaidDate) || ' '.repeat(8)) +
    String(award.payDay);
  return line.padEnd(RECORD_WIDTH);
}

function trailer(count: number): string {
  return `TRL${String(count).padStart(6, '0')}`.padEnd(RECORD_WIDTH);
}

const NO_CLAIMANT_RECORD = () => text(404, 'NO CLAIMANT RECORD');

/** The claimant a `/claims/<nino>...` path names, as this system holds them; undefined for none (or a path it cannot read). */
function claimant(ledger: SystemLedger, match: RegExpExecArray): Person | undefined {
  try {
    return ledger.view(decodeURIComponent(match[1] ?? ''));
  } catch {
    return undefined;
  }
}

function claims(ledger: SystemLedger) {
  return (_request: SystemRequest, match: RegExpExecArray): SystemResponse => {
    const person = claimant(ledger, match);
    if (!person) return NO_CLAIMANT_RECORD();
    const lines = person.disabilityAwards.map((award) => awardLine(person.nino, award));
    return text(200, [...lines, trailer(lines.length)].join('\n') + '\n');
  };
}

/** Columns of the change record (README), 1-based inclusive: type, NINO, change, effective date, reference, then the new details. */
const CHANGE_RECORD = {
  recordType: [1, 3],
  nino: [4, 12],
  changeType: [13, 16],
  effectiveDate: [17, 24],
  reference: [25, 64],
  protectedAddress: [65, 65],
  uprn: [66, 77],
  buildingName: [78, 107],
  buildingNumber: [108, 117],
  thoroughfare: [118, 157],
  postTown: [158, 187],
  postcode: [188, 195],
  phone: [196, 215],
  mobile: [216, 235],
  email: [236, 315],
} as const;

function readChangeRecord(line: string): Record<keyof typeof CHANGE_RECORD, string> {
  return Object.fromEntries(Object.entries(CHANGE_RECORD).map(([field, [from, to]]) => [field, line.slice(from - 1, to).trim()])) as Record<keyof typeof CHANGE_RECORD, string>;
}

const CHANGE_TYPES = { address: 'ADDR', contact: 'CONT', death: 'DETH' } as const;

function isoFromCompact(compact: string): string | undefined {
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  return /^\d{8}$/.test(compact) && isIsoDate(iso) ? iso : undefined;
}

/** A change record, or undefined when it is not one this system can file. */
function changeFrom(line: string): ChangeToApply | undefined {
  if (line.length !== CHANGE_RECORD_WIDTH) return undefined;
  const record = readChangeRecord(line);
  const effectiveDate = isoFromCompact(record.effectiveDate);
  if (record.recordType !== 'CHG' || record.nino === '' || record.reference === '' || effectiveDate === undefined) return undefined;
  const base = { nino: record.nino, reference: record.reference, effectiveDate };
  switch (record.changeType) {
    case 'ADDR':
      if (!/^\d{1,12}$/.test(record.uprn) || record.thoroughfare === '' || record.postTown === '' || record.postcode.length < 5 || !/^[YN]$/.test(record.protectedAddress)) return undefined;
      return {
        ...base,
        kind: 'address',
        address: { uprn: record.uprn, buildingName: given(record.buildingName), buildingNumber: given(record.buildingNumber), thoroughfare: record.thoroughfare, postTown: record.postTown, postcode: record.postcode },
        restricted: record.protectedAddress === 'Y',
      };
    case 'CONT':
      return { ...base, kind: 'contact', phone: given(record.phone), mobile: given(record.mobile), email: given(record.email) };
    case 'DETH':
      return { ...base, kind: 'death' };
    default:
      return undefined;
  }
}

/** `POST /changes`: one change record in, `ACK` with the claimant's update count out. */
function fileChange(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const change = changeFrom(request.body.replace(/\r?\n$/, ''));
    if (!change) return text(400, 'REJECTED INVALID CHANGE RECORD');
    if (ledger.apply(change) === 'no-record') return NO_CLAIMANT_RECORD();
    const person = ledger.view(change.nino)!;
    return text(200, `ACK${person.nino.padEnd(9)}${String(ledger.changesOf(person).length).padStart(6, '0')}`.padEnd(RECORD_WIDTH) + '\n');
  };
}

/** `YYYYMMDDHHMMSS` in UTC, as the system stamps what it files. */
function timestamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

const EVENT_CODES = { STARTED: 'STRT', CHANGED: 'CHNG', STOPPED: 'STOP', PAID: 'PAID' } as const;
/** Disability benefits are paid every four weeks. */
const WEEKS_PER_PAYMENT = 4;

/** Columns as the README's table: 1-3 `UPD`, 4-12 NINO, 13-16 change, 17-24 effective date, 25-64 reference, 65-78 applied at. */
function updateLine(change: AppliedChange): string {
  return ('UPD' + change.nino.padEnd(9) + CHANGE_TYPES[change.kind] + toCompact(change.effectiveDate) + change.reference.padEnd(40) + timestamp(change.appliedAt)).padEnd(RECORD_WIDTH);
}

function eventLines(nino: string, award: DisabilityAward): string[] {
  const events = awardEvents({ start: award.start, end: award.end, stopped: award.status === 'T', lastPaidDate: award.lastPaidDate, paymentPence: (award.carePence + award.mobilityPence) * WEEKS_PER_PAYMENT });
  // Columns as the README's table: 1-3 `EVT`, 4-12 NINO, 13-16 benefit, 17-20 event, 21-28 date, 29-36 pence.
  return events.map((event) => ('EVT' + nino.padEnd(9) + award.benefit.padEnd(4) + EVENT_CODES[event.event] + toCompact(event.date) + (event.pence === null ? '' : pence(event.pence))).padEnd(RECORD_WIDTH));
}

/** `GET /claims/<nino>/history`: every change record filed (a repeat shows twice), each award's events, a trailer. */
function history(ledger: SystemLedger) {
  return (_request: SystemRequest, match: RegExpExecArray): SystemResponse => {
    const person = claimant(ledger, match);
    if (!person) return NO_CLAIMANT_RECORD();
    const lines = [...ledger.changesOf(person).map(updateLine), ...person.disabilityAwards.flatMap((award) => eventLines(person.nino, award))];
    return text(200, [...lines, trailer(lines.length)].join('\n') + '\n');
  };
}

export function createDisabilitySystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  const ledger = createLedger(population, records, { holds: (person) => person.disabilityAwards.length > 0, idempotent: false });
  return {
    id: 'disability',
    routes: [
      { method: 'GET', pattern: /^\/claims\/([^/]+)$/, operation: 'claims', handle: claims(ledger) },
      { method: 'GET', pattern: /^\/claims\/([^/]+)\/history$/, operation: 'history', handle: history(ledger) },
      { method: 'POST', pattern: /^\/changes$/, operation: 'changes', handle: fileChange(ledger), write: true },
    ],
    failure: (status, message) => text(status, message.toUpperCase()),
    malformed: () => text(200, ''),
    records,
  };
}
