import { isIsoDate, type IsoDate } from '../population/dates.ts';
import type { JsapsAward, Person } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { text } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { awardEvents, blankAsNull, createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * JSAPS, the JSA payment mainframe also behind ESA and Income Support: pipe-delimited text
 * records, `DDMMYYYY` dates, amounts in pence, up to 20 NINOs per enquiry (one a line). Its
 * update transaction applies every `UPD` record it is sent, a repeat included.
 */
const BATCH_LIMIT = 20;
/** Every JSAPS award is paid fortnightly; the record carries the interval in days. */
const PAYMENT_INTERVAL_DAYS = '14';

function ddmmyyyy(date: IsoDate | null): string {
  return date === null ? '' : `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(0, 4)}`;
}

/** `CLM|NINO|benefit|basis|status|start|end|weekly pence|interval days|last paid|pay day`. */
function claimRecord(nino: string, award: JsapsAward): string {
  return [
    'CLM',
    nino,
    award.benefit,
    award.basis ?? '--',
    award.status,
    ddmmyyyy(award.start),
    ddmmyyyy(award.end),
    String(award.weeklyPence).padStart(8, '0'),
    PAYMENT_INTERVAL_DAYS,
    ddmmyyyy(award.lastPaidDate),
    String(award.payDay),
  ].join('|');
}

function error(status: number, message: string): SystemResponse {
  return text(status, `ERR|${status}|${message.toUpperCase()}\n`);
}

/** A batch of NINOs, one a line: each held claimant's records once, `NFD|<nino>` for one JSAPS does not hold, between header and trailer. */
function batch(ledger: SystemLedger, header: string, recordsOf: (person: Person) => string[]) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = request.body.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (ninos.length === 0) return error(400, 'NO NINO IN ENQUIRY');
    if (ninos.length > BATCH_LIMIT) return error(400, `ENQUIRY EXCEEDS ${BATCH_LIMIT} NINOS`);
    if (ninos.some((nino) => nino.includes('|'))) return error(400, 'MALFORMED ENQUIRY');
    const records: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = ledger.view(nino);
      if (!person) records.push(`NFD|${nino}`);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        records.push(...recordsOf(person));
      }
    }
    return text(200, [`HDR|${header}|${records.length}`, ...records, `TRL|${records.length}`].join('\n') + '\n');
  };
}

const CHANGE_TYPES = { address: 'ADDR', contact: 'CONT', death: 'DETH' } as const;

function isoFromDdmmyyyy(text: string): IsoDate | undefined {
  const iso = `${text.slice(4, 8)}-${text.slice(2, 4)}-${text.slice(0, 2)}`;
  return /^\d{8}$/.test(text) && isIsoDate(iso) ? iso : undefined;
}

/**
 * `UPD|nino|reference|ADDR|effective|uprn|building name|building number|street|town|postcode|protected Y/N`
 * or `UPD|nino|reference|DETH|date of death`; undefined for anything else.
 */
function changeFrom(line: string): ChangeToApply | undefined {
  const [type, nino, reference, changeType, effective, ...details] = line.split('|');
  const effectiveDate = isoFromDdmmyyyy(effective ?? '');
  if (type !== 'UPD' || !nino || !reference || effectiveDate === undefined) return undefined;
  const base = { nino, reference, effectiveDate };
  if (changeType === 'DETH' && details.length === 0) return { ...base, kind: 'death' };
  const [uprn = '', buildingName = '', buildingNumber = '', thoroughfare = '', postTown = '', postcode = '', restricted = ''] = details;
  if (changeType !== 'ADDR' || details.length !== 7 || !/^\d{1,12}$/.test(uprn) || !thoroughfare || !postTown || postcode.length < 5 || postcode.length > 8 || !/^[YN]$/.test(restricted)) return undefined;
  return { ...base, kind: 'address', address: { uprn, buildingName: blankAsNull(buildingName), buildingNumber: blankAsNull(buildingNumber), thoroughfare, postTown, postcode }, restricted: restricted === 'Y' };
}

/** `POST /update`: one `UPD` record; `ACK|nino|reference`, `NFD|nino`, or `ERR|400|...`. */
function update(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const change = changeFrom(request.body.trim());
    if (!change) return error(400, 'MALFORMED UPDATE');
    if (ledger.apply(change) === 'no-record') return text(200, `NFD|${change.nino}\n`);
    return text(200, `ACK|${ledger.view(change.nino)!.nino}|${change.reference}\n`);
  };
}

/** `DDMMYYYYHHMMSS` in UTC, as the mainframe stamps its transactions. */
function timestamp(iso: string): string {
  return `${ddmmyyyy(iso.slice(0, 10))}${iso.slice(11, 19).replaceAll(':', '')}`;
}

function updateRecord(change: AppliedChange): string {
  return ['UPD', change.nino, change.reference, CHANGE_TYPES[change.kind], ddmmyyyy(change.effectiveDate), timestamp(change.appliedAt)].join('|');
}

const EVENT_CODES = { STARTED: 'STRT', CHANGED: 'CHNG', STOPPED: 'STOP', PAID: 'PAID' } as const;
/** Fortnightly, in arrears. */
const WEEKS_PER_PAYMENT = 2;

function eventRecords(nino: string, award: JsapsAward): string[] {
  const events = awardEvents({ start: award.start, end: award.end, stopped: award.status === 'C', lastPaidDate: award.lastPaidDate, paymentPence: award.weeklyPence * WEEKS_PER_PAYMENT });
  return events.map((event) => ['EVT', nino, award.benefit, EVENT_CODES[event.event], ddmmyyyy(event.date), event.pence === null ? '' : String(event.pence).padStart(8, '0')].join('|'));
}

export function createJsapsSystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  const ledger = createLedger(population, records, { holds: (person) => person.jsapsAwards.length > 0, idempotent: false });
  return {
    id: 'jsaps',
    routes: [
      { method: 'POST', pattern: /^\/enquiry$/, operation: 'enquiry', handle: batch(ledger, 'JSAPS', (person) => person.jsapsAwards.map((award) => claimRecord(person.nino, award))) },
      {
        method: 'POST', pattern: /^\/history$/, operation: 'history',
        handle: batch(ledger, 'JSAPS-HIST', (person) => [...ledger.changesOf(person).map(updateRecord), ...person.jsapsAwards.flatMap((award) => eventRecords(person.nino, award))]),
      },
      { method: 'POST', pattern: /^\/update$/, operation: 'update', handle: update(ledger), write: true },
    ],
    failure: error,
    malformed: () => text(200, ''),
    records,
  };
}
