import { invalidInput, quoteInput } from './input-error.ts';

/**
 * A National Insurance number in normalised form: upper case, no spaces (`AB123456C`).
 * Only `parseNino` makes one, so holding a `Nino` means it passed the rules.
 */
export type Nino = string & { readonly __brand: 'Nino' };

// Two prefix letters (neither D F I Q U V, second never O, pairs BG GB KN NK NT TN ZZ never
// issued), six digits, suffix A-D.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const NINO_SHAPE = /^[A-Z]{2}\d{6}[A-Z]$/;
// A Temporary Reference Number, `11 A1 11 11`: looks official, gives no benefit access.
const TRN_SHAPE = /^\d{2}[A-Z]\d{5}$/;
// ASCII only before upper-casing: 'ſ'.toUpperCase() is 'S', and similar folds would let
// look-alike characters through.
const ASCII_ALPHANUMERIC = /^[A-Za-z0-9]{1,16}$/;
const WHITESPACE = /\s+/g;
// A NINO with generous spacing is under 20 characters; longer input is rejected unread.
const MAX_INPUT_LENGTH = 32;

const SHAPE_HINT = 'NINO must be two prefix letters, six digits and a suffix A-D, e.g. AB 12 34 56 C';

function rejection(input: unknown, compact: string): Error {
  if (TRN_SHAPE.test(compact)) {
    return invalidInput('INVALID_NINO', 'This is a Temporary Reference Number (TRN), not a NINO; a TRN gives no access to benefits');
  }
  if (NINO_SHAPE.test(compact)) {
    const suffix = compact.slice(8);
    if (!/[A-D]/.test(suffix)) return invalidInput('INVALID_NINO', `NINO suffix must be A, B, C or D; '${suffix}' is not`);
    return invalidInput(
      'INVALID_NINO',
      `NINO prefix '${compact.slice(0, 2)}' is never issued: neither letter is D, F, I, Q, U or V, the second is never O, and BG, GB, KN, NK, NT, TN and ZZ are not used`,
    );
  }
  return invalidInput('INVALID_NINO', `${SHAPE_HINT}; ${quoteInput(input)} is not valid`);
}

/** Upper case without whitespace, or '' when the input cannot be a NINO at all. */
function compactForm(input: string): string {
  const compact = input.length <= MAX_INPUT_LENGTH ? input.replace(WHITESPACE, '') : '';
  return ASCII_ALPHANUMERIC.test(compact) ? compact.toUpperCase() : '';
}

/**
 * Parses a National Insurance number, accepting spaces and lower case
 * (`ab 12 34 56 c` -> `AB123456C`).
 *
 * Legacy files that hold a space in place of the suffix are not accepted here: that
 * belongs in the adapter for the legacy format that needs it.
 *
 * @throws ValidationError with code INVALID_NINO, naming the broken rule (bad prefix, bad
 *   suffix, a TRN, or the wrong shape).
 */
export function parseNino(input: unknown): Nino {
  if (typeof input !== 'string') {
    throw invalidInput('INVALID_NINO', `NINO must be a string such as AB 12 34 56 C, not ${quoteInput(input)}`);
  }
  const compact = compactForm(input);
  if (NINO.test(compact)) return compact as Nino;
  throw rejection(input, compact);
}

/** True when `parseNino` would accept the input; cheap enough for bulk checks (never builds an error). */
export function isNino(input: unknown): boolean {
  return typeof input === 'string' && NINO.test(compactForm(input));
}

/** The spaced form for display, `AB 12 34 56 C`; accepts anything `parseNino` accepts. */
export function formatNino(input: Nino | string): string {
  const nino = parseNino(input);
  return `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`;
}
