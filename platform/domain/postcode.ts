import { parse } from 'postcode';
import { invalidInput, quoteInput } from './input-error.ts';

/** A UK postcode in normalised form: upper case, one space before the inward code (`LS1 4AP`). */
export type Postcode = string & { readonly __brand: 'Postcode' };

// The longest postcode is 8 characters; allow some stray spacing, reject the rest unread.
const MAX_INPUT_LENGTH = 16;
const FIRST_LETTER_NEVER = /^[QVX]/;
const SECOND_LETTER_NEVER = /^.[IJZ]/;
const INWARD_LETTERS_NEVER = /[CIKMOV]/;

const SHAPE_HINT = 'Postcode must be an outward and inward code, e.g. LS1 4AP';

/**
 * Parses a UK postcode with npm `postcode` (shape and normalisation: any case, optional or
 * repeated space) and then applies the letter rules it does not: the first letter is never
 * Q, V or X; the second (when a letter) never I, J or Z; the inward letters never C, I, K,
 * M, O or V. A well-formed postcode need not exist; this does not look it up.
 *
 * @throws ValidationError with code INVALID_POSTCODE.
 */
export function parsePostcode(input: unknown): Postcode {
  if (typeof input !== 'string') {
    throw invalidInput('INVALID_POSTCODE', `Postcode must be a string such as LS1 4AP, not ${quoteInput(input)}`);
  }
  const trimmed = input.length <= MAX_INPUT_LENGTH ? input.trim() : '';
  const parsed = parse(trimmed);
  if (!parsed.valid) throw invalidInput('INVALID_POSTCODE', `${SHAPE_HINT}; ${quoteInput(input)} is not valid`);
  const { postcode, unit } = parsed;
  if (FIRST_LETTER_NEVER.test(postcode) || SECOND_LETTER_NEVER.test(postcode) || INWARD_LETTERS_NEVER.test(unit)) {
    throw invalidInput(
      'INVALID_POSTCODE',
      `Postcode '${postcode}' breaks the letter rules: the first letter is never Q, V or X, the second never I, J or Z, and the last two never C, I, K, M, O or V`,
    );
  }
  return postcode as Postcode;
}

/** The outward code of a valid postcode (`LS1 4AP` -> `LS1`). */
export function outwardCode(postcode: Postcode): string {
  return postcode.slice(0, postcode.indexOf(' '));
}
