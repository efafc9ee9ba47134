import { z } from 'zod';
import { LegacyError } from '../../../platform/errors/index.ts';
import { fitsPipeField, fromDdmmyyyy, mapWire, readPipeRecords, toDdmmyyyy } from '../../../platform/formats/index.ts';
import type { HistoryByNino, SystemHistory } from './legacy-history.ts';
import type { Change, WriteOutcome } from './legacy-writer.ts';

/**
 * The `UPD` record for an address or a death (JSAPS keeps no contact details). A value that
 * would break the record (a pipe, a line break) can never be sent: LEGACY_WRITE_REFUSED.
 */
export function jsapsUpdateRecord(change: Exclude<Change, { kind: 'contact' }>): string {
  const fields =
    change.kind === 'death'
      ? ['UPD', change.nino, change.reference, 'DETH', toDdmmyyyy(change.dateOfDeath)]
      : [
          'UPD', change.nino, change.reference, 'ADDR', toDdmmyyyy(change.effectiveDate),
          change.address.uprn, change.address.buildingName ?? '', change.address.buildingNumber ?? '', change.address.thoroughfare, change.address.postTown, change.address.postcode,
          change.restricted ? 'Y' : 'N',
        ];
  if (!fields.every(fitsPipeField)) throw new LegacyError('LEGACY_WRITE_REFUSED', 'jsaps', { cause: new RangeError('a value does not fit a pipe-delimited field') });
  return fields.join('|');
}

/** JSAPS refuses an update it cannot read with HTTP 400 (`ERR|400|...`). */
export const JSAPS_REFUSED = 400;

/** An update's answer: `ACK|nino|reference` applied (JSAPS applies every UPD it is sent), `NFD|nino` not held, 400 refused. */
export function mapJsapsUpdateAnswer(statusCode: number, text: string, reference: string): WriteOutcome {
  if (statusCode === JSAPS_REFUSED) throw new LegacyError('LEGACY_WRITE_REFUSED', 'jsaps');
  const [type, , answered] = text.trim().split('|');
  if (type === 'NFD') return 'not-held';
  if (type === 'ACK' && answered === reference) return 'applied';
  throw new LegacyError('LEGACY_UNAVAILABLE', 'jsaps', { cause: new TypeError('update answer is not ACK or NFD for this update') });
}

const CHANGE_KINDS = { ADDR: 'address', CONT: 'contact', DETH: 'death' } as const;
const EVENTS = { STRT: 'STARTED', CHNG: 'CHANGED', STOP: 'STOPPED', PAID: 'PAYMENT_MADE' } as const;

const wireRecord = z.union([
  z.tuple([z.literal('UPD'), z.string(), z.string().min(1), z.enum(['ADDR', 'CONT', 'DETH']), z.string(), z.string().regex(/^\d{14}$/)]),
  z.tuple([z.literal('EVT'), z.string(), z.string().min(1), z.enum(['STRT', 'CHNG', 'STOP', 'PAID']), z.string(), z.string().regex(/^(\d{8})?$/)]),
  z.tuple([z.literal('NFD'), z.string()]),
]);
const wireRecordList = z.array(wireRecord);

function requiredDate(text: string): string {
  const date = fromDdmmyyyy(text);
  if (date === null) throw new TypeError('JSAPS history date is blank');
  return date;
}

/** `DDMMYYYYHHMMSS` (UTC) to an ISO time stamp. */
function appliedAt(text: string): string {
  return `${requiredDate(text.slice(0, 8))}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}Z`;
}

/** A history answer → each NINO asked: its updates (a repeat listed twice) and award events, or null for `NFD`. */
export function mapJsapsHistory(ninos: readonly string[], text: string): HistoryByNino {
  let records: string[][];
  try {
    records = readPipeRecords(text, 'JSAPS-HIST');
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'jsaps', { cause });
  }
  return mapWire('jsaps', wireRecordList, records, (rows) => {
    const notFound = new Set(rows.flatMap((row) => (row[0] === 'NFD' ? [row[1]] : [])));
    const histories = new Map<string, SystemHistory | null>();
    for (const nino of ninos) {
      if (notFound.has(nino)) {
        histories.set(nino, null);
        continue;
      }
      const mine = rows.filter((row) => row[1] === nino);
      histories.set(nino, {
        changes: mine.flatMap((row) => (row[0] === 'UPD' ? [{ reference: row[2], kind: CHANGE_KINDS[row[3]], effectiveDate: requiredDate(row[4]), appliedAt: appliedAt(row[5]) }] : [])),
        events: mine.flatMap((row) => (row[0] === 'EVT' ? [{ benefitCode: row[2], event: EVENTS[row[3]], date: requiredDate(row[4]), amountPence: row[5] === '' ? null : Number(row[5]) }] : [])),
      });
    }
    return histories;
  });
}
