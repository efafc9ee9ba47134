import type { IsoDate } from '../population/dates.ts';
import type { JsapsAward } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { text } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/**
 * JSAPS, the JSA payment mainframe also behind ESA and Income Support: pipe-delimited text
 * records, `DDMMYYYY` dates, amounts in pence, up to 20 NINOs per enquiry (one a line).
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

function enquiry(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = request.body.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (ninos.length === 0) return error(400, 'NO NINO IN ENQUIRY');
    if (ninos.length > BATCH_LIMIT) return error(400, `ENQUIRY EXCEEDS ${BATCH_LIMIT} NINOS`);
    if (ninos.some((nino) => nino.includes('|'))) return error(400, 'MALFORMED ENQUIRY');
    const records: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = population.byNino(nino);
      if (!person || person.jsapsAwards.length === 0) records.push(`NFD|${nino}`);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        records.push(...person.jsapsAwards.map((award) => claimRecord(person.nino, award)));
      }
    }
    return text(200, [`HDR|JSAPS|${records.length}`, ...records, `TRL|${records.length}`].join('\n') + '\n');
  };
}

export function createJsapsSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'jsaps',
    routes: [{ method: 'POST', pattern: /^\/enquiry$/, operation: 'enquiry', handle: enquiry(population) }],
    failure: error,
    malformed: () => text(200, ''),
  };
}
