import { z } from 'zod';
import { LegacyError } from '../../../platform/errors/index.ts';
import { fromYyyymmdd, fromYyyymmddhhmmss, mapWire, readFixedWidth, readTrailedRecords, toYyyymmdd, writeFixedWidth, type FixedWidthLayout } from '../../../platform/formats/index.ts';
import type { HistoryByNino, SystemHistory } from './legacy-history.ts';
import type { Change, WriteOutcome } from './legacy-writer.ts';

/** Every record of the system starts with its type and the NINO. */
const RECORD_KEY = { recordType: { from: 1, to: 3 }, nino: { from: 4, to: 12 } } as const satisfies FixedWidthLayout<string>;

/** The change record layout, 1-based inclusive columns as the system's record specification writes them. */
const CHANGE_RECORD = {
  ...RECORD_KEY,
  changeType: { from: 13, to: 16 },
  effectiveDate: { from: 17, to: 24 },
  reference: { from: 25, to: 64 },
  protectedAddress: { from: 65, to: 65 },
  uprn: { from: 66, to: 77 },
  buildingName: { from: 78, to: 107 },
  buildingNumber: { from: 108, to: 117 },
  thoroughfare: { from: 118, to: 157 },
  postTown: { from: 158, to: 187 },
  postcode: { from: 188, to: 195 },
  phone: { from: 196, to: 215 },
  mobile: { from: 216, to: 235 },
  email: { from: 236, to: 315 },
} as const satisfies FixedWidthLayout<string>;
const CHANGE_RECORD_WIDTH = 320;

const HISTORY_UPDATE = { ...RECORD_KEY, changeType: { from: 13, to: 16 }, effectiveDate: { from: 17, to: 24 }, reference: { from: 25, to: 64 }, appliedAt: { from: 65, to: 78 } } as const satisfies FixedWidthLayout<string>;
const HISTORY_EVENT = { ...RECORD_KEY, benefit: { from: 13, to: 16 }, event: { from: 17, to: 20 }, date: { from: 21, to: 28 }, pence: { from: 29, to: 36 } } as const satisfies FixedWidthLayout<string>;

const CHANGE_TYPES = { address: 'ADDR', contact: 'CONT', death: 'DETH' } as const;

/**
 * The 320-column change record for one change. A value longer than its column cannot be
 * sent in this layout, now or later: LEGACY_WRITE_REFUSED, never a value cut short.
 */
export function disabilityChangeRecord(change: Change): string {
  const blank = { protectedAddress: '', uprn: '', buildingName: '', buildingNumber: '', thoroughfare: '', postTown: '', postcode: '', phone: '', mobile: '', email: '' };
  const head = { recordType: 'CHG', nino: change.nino, changeType: CHANGE_TYPES[change.kind], reference: change.reference };
  const values =
    change.kind === 'address'
      ? {
          ...blank,
          ...head,
          effectiveDate: toYyyymmdd(change.effectiveDate),
          protectedAddress: change.restricted ? 'Y' : 'N',
          uprn: change.address.uprn,
          buildingName: change.address.buildingName ?? '',
          buildingNumber: change.address.buildingNumber ?? '',
          thoroughfare: change.address.thoroughfare,
          postTown: change.address.postTown,
          postcode: change.address.postcode,
        }
      : change.kind === 'contact'
        ? { ...blank, ...head, effectiveDate: toYyyymmdd(change.effectiveDate), phone: change.phone ?? '', mobile: change.mobile ?? '', email: change.email ?? '' }
        : { ...blank, ...head, effectiveDate: toYyyymmdd(change.dateOfDeath) };
  try {
    return writeFixedWidth(values, CHANGE_RECORD, CHANGE_RECORD_WIDTH);
  } catch (cause) {
    throw new LegacyError('LEGACY_WRITE_REFUSED', 'disability', { cause });
  }
}

/** The system's answers to a change record, by HTTP status. */
export const DISABILITY_NO_CLAIMANT = 404;
export const DISABILITY_REJECTED = 400;

/** A change record's answer: `ACK` is filed (the system files every record it is sent), 404 not held, 400 rejected. */
export function mapDisabilityChangeAnswer(statusCode: number, body: string): WriteOutcome {
  if (statusCode === DISABILITY_NO_CLAIMANT) return 'not-held';
  if (statusCode === DISABILITY_REJECTED) throw new LegacyError('LEGACY_WRITE_REFUSED', 'disability');
  if (!body.startsWith('ACK')) throw new LegacyError('LEGACY_UNAVAILABLE', 'disability', { cause: new TypeError('change answer is not an ACK record') });
  return 'applied';
}

const CHANGE_KINDS = { ADDR: 'address', CONT: 'contact', DETH: 'death' } as const;
const EVENTS = { STRT: 'STARTED', CHNG: 'CHANGED', STOP: 'STOPPED', PAID: 'PAYMENT_MADE' } as const;

const wireUpdate = z.object({ recordType: z.literal('UPD'), changeType: z.enum(['ADDR', 'CONT', 'DETH']), effectiveDate: z.string(), reference: z.string().min(1), appliedAt: z.string() });
const wireEvent = z.object({ recordType: z.literal('EVT'), benefit: z.string().min(1), event: z.enum(['STRT', 'CHNG', 'STOP', 'PAID']), date: z.string(), pence: z.string().regex(/^(\d{8})?$/) });
const wireHistory = z.array(z.union([wireUpdate, wireEvent]));

function requiredDate(compact: string): string {
  const date = fromYyyymmdd(compact);
  if (date === null) throw new TypeError('disability history date is blank');
  return date;
}

/** A `claims/<nino>/history` answer (update and event records, a trailer) for `nino`; null for 404 NO CLAIMANT RECORD. */
export function mapDisabilityHistory(nino: string, statusCode: number, text: string): HistoryByNino {
  if (statusCode === DISABILITY_NO_CLAIMANT) return new Map([[nino, null]]);
  let lines: string[];
  try {
    lines = readTrailedRecords(text);
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'disability', { cause });
  }
  const records = lines.map((line) => (line.startsWith('EVT') ? readFixedWidth(line, HISTORY_EVENT) : readFixedWidth(line, HISTORY_UPDATE)));
  const history = mapWire('disability', wireHistory, records, (rows): SystemHistory => ({
    changes: rows.flatMap((row) =>
      row.recordType === 'UPD' ? [{ reference: row.reference, kind: CHANGE_KINDS[row.changeType], effectiveDate: requiredDate(row.effectiveDate), appliedAt: fromYyyymmddhhmmss(row.appliedAt) }] : [],
    ),
    events: rows.flatMap((row) =>
      row.recordType === 'EVT' ? [{ benefitCode: row.benefit, event: EVENTS[row.event], date: requiredDate(row.date), amountPence: row.pence === '' ? null : Number(row.pence) }] : [],
    ),
  }));
  return new Map([[nino, history]]);
}
