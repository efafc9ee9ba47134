/** Legacy date conventions to ISO `YYYY-MM-DD`; an empty legacy field means "no date". */
import { isRealDate } from '../domain/calendar.ts';

// Arithmetic rather than a Date round trip: every date of every legacy answer passes here, and
// parsing and printing a Date for each was over 1% of a worker's CPU under load.
function isoIfReal(year: string, month: string, day: string): string {
  if (!isRealDate(Number(year), Number(month), Number(day))) throw new TypeError('legacy date is not a real calendar date');
  return `${year}-${month}-${day}`;
}

/** CIS, PSCS and fixed-width `YYYYMMDD`; blank or all-spaces is null. */
export function fromYyyymmdd(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '' || trimmed === '00000000') return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (!match) throw new TypeError('legacy date is not YYYYMMDD');
  return isoIfReal(match[1]!, match[2]!, match[3]!);
}

/** A day-first legacy date (day, month, year captured in that order); blank is null. */
function dayFirst(value: string | null | undefined, pattern: RegExp, format: string): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return null;
  const match = pattern.exec(trimmed);
  if (!match) throw new TypeError(`legacy date is not ${format}`);
  return isoIfReal(match[3]!, match[2]!, match[1]!);
}

/** The payment system's `DD/MM/YYYY`; blank is null. */
export function fromDdMmYyyy(value: string | null | undefined): string | null {
  return dayFirst(value, /^(\d{2})\/(\d{2})\/(\d{4})$/, 'DD/MM/YYYY');
}

/** JSAPS `DDMMYYYY`; blank is null. */
export function fromDdmmyyyy(value: string | null | undefined): string | null {
  return dayFirst(value, /^(\d{2})(\d{2})(\d{4})$/, 'DDMMYYYY');
}

export function toYyyymmdd(iso: string): string {
  return iso.replaceAll('-', '');
}

/** ISO to the payment system's `DD/MM/YYYY`. */
export function toDdMmYyyy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** ISO to JSAPS `DDMMYYYY`. */
export function toDdmmyyyy(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
}

/** A legacy `YYYYMMDDHHMMSS` time stamp (UTC), as CIS, PSCS and the disability system stamp their updates, to ISO. */
export function fromYyyymmddhhmmss(value: string): string {
  const match = /^(\d{8})(\d{2})(\d{2})(\d{2})$/.exec(value.trim());
  const date = match ? fromYyyymmdd(match[1]) : null;
  if (!match || date === null || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) throw new TypeError('legacy time stamp is not YYYYMMDDHHMMSS');
  return `${date}T${match[2]}:${match[3]}:${match[4]}Z`;
}
