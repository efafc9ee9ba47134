import { invalidInput, quoteInput } from './input-error.ts';

/**
 * A bank account number in normalised form: 8 digits, or 9-10 digits for the banks that
 * issue them (Santander 9; NatWest and the Co-operative Bank 10).
 */
export type AccountNumber = string & { readonly __brand: 'AccountNumber' };

const DIGITS = /^\d{6,10}$/;
const SPACES = / /g;
const MAX_INPUT_LENGTH = 24;

/**
 * Parses an account number of 6 to 10 digits (spaces between digits allowed).
 * Following the modulus-checking specification, 6 and 7-digit numbers are zero-padded to
 * 8 (`123456` -> `00123456`). 9 and 10-digit numbers are kept whole: which digits count
 * depends on the bank, so only `checkBankDetails`, which has the sort code, can reduce
 * them. Whether the number suits a sort code is not checked here.
 *
 * @throws ValidationError with code INVALID_ACCOUNT_NUMBER.
 */
export function parseAccountNumber(input: unknown): AccountNumber {
  const digits = typeof input === 'string' && input.length <= MAX_INPUT_LENGTH ? input.trim().replace(SPACES, '') : '';
  if (!DIGITS.test(digits)) {
    throw invalidInput('INVALID_ACCOUNT_NUMBER', `Account number must be 6 to 10 digits, usually 8, e.g. 12345678; ${quoteInput(input)} is not valid`);
  }
  return (digits.length < 8 ? digits.padStart(8, '0') : digits) as AccountNumber;
}
