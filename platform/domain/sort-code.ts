import { invalidInput, quoteInput } from './input-error.ts';

/** A sort code in normalised form: six digits, no separators (`200000`). */
export type SortCode = string & { readonly __brand: 'SortCode' };

// Pairs of digits separated all by hyphens, all by single spaces, or not at all.
const SORT_CODE = /^(\d{2})([- ]?)(\d{2})\2(\d{2})$/;
const MAX_INPUT_LENGTH = 16;

/**
 * Parses a sort code written `20-00-00`, `20 00 00` or `200000` (surrounding whitespace
 * ignored) into `200000`. Whether the bank exists is not checked.
 *
 * @throws ValidationError with code INVALID_SORT_CODE.
 */
export function parseSortCode(input: unknown): SortCode {
  const match = typeof input === 'string' && input.length <= MAX_INPUT_LENGTH ? SORT_CODE.exec(input.trim()) : null;
  if (match === null) {
    throw invalidInput('INVALID_SORT_CODE', `Sort code must be six digits, e.g. 20-00-00, 20 00 00 or 200000; ${quoteInput(input)} is not valid`);
  }
  return `${match[1]}${match[3]}${match[4]}` as SortCode;
}

/** The hyphenated form used on the wire and for display (`20-00-00`). */
export function formatSortCode(sortCode: SortCode): string {
  return `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4, 6)}`;
}
