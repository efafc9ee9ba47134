import { ValidationError } from '../errors/index.ts';

/** The error codes the domain parsers raise (all catalogued in platform/errors). */
export type DomainErrorCode =
  | 'INVALID_NINO'
  | 'INVALID_POSTCODE'
  | 'INVALID_SORT_CODE'
  | 'INVALID_ACCOUNT_NUMBER'
  | 'INVALID_DATE'
  | 'INVALID_MONEY';

/** At most this many characters of a rejected value are shown back in a message. */
const ECHO_CHARACTERS = 12;
// Control, format (including bidi overrides), surrogate, private-use and unassigned code
// points, and line/paragraph separators: none may reach a message, a log line or a terminal.
const UNSAFE = /[\p{C}\p{Zl}\p{Zp}]/gu;

/**
 * A short, safe rendering of a rejected value for an error message: strings are quoted,
 * stripped of unsafe characters and cut to 12 characters; other values are named by
 * type only, so nothing large or structured is ever echoed.
 */
export function quoteInput(input: unknown): string {
  if (typeof input === 'string') {
    // Slice before any regex work, so a megabyte of input costs no more than a short one.
    const characters = Array.from(input.slice(0, ECHO_CHARACTERS * 4).replace(UNSAFE, ''));
    const shown = characters.slice(0, ECHO_CHARACTERS).join('');
    const cut = characters.length > ECHO_CHARACTERS || input.length > ECHO_CHARACTERS * 4;
    return `'${shown}${cut ? '…' : ''}'`;
  }
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number' && Number.isFinite(input)) return `the number ${String(input).slice(0, ECHO_CHARACTERS)}`;
  return `a value of type ${typeof input}`;
}

/** The error every domain parser throws: a GraphQLError whose `extensions.code` is the given code. */
export function invalidInput(code: DomainErrorCode, message: string): ValidationError {
  return new ValidationError(code, message);
}
