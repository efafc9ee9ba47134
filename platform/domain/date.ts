import { invalidInput, quoteInput } from './input-error.ts';
import { isRealDate } from './calendar.ts';

/** A calendar date as ISO 8601 `YYYY-MM-DD`, years 0001-9999, with no time or zone. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses an ISO `YYYY-MM-DD` date that exists in the Gregorian calendar (so `2024-02-29`
 * but not `2026-02-30` or `2026-13-01`). Other shapes (`2026-2-3`, `03/02/2026`,
 * timestamps) are refused rather than guessed at; legacy formats such as YYYYMMDD belong
 * in platform/formats. JavaScript `Date` objects are refused because their day depends on
 * the time zone.
 *
 * @throws ValidationError with code INVALID_DATE.
 */
export function parseDate(input: unknown): IsoDate {
  const match = typeof input === 'string' ? ISO_DATE.exec(input) : null;
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (match === null || !isRealDate(year, month, day)) {
    throw invalidInput('INVALID_DATE', `Date must be a real calendar date written YYYY-MM-DD, e.g. 2026-04-06; ${quoteInput(input)} is not valid`);
  }
  return input as IsoDate;
}
