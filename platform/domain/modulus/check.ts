import { applyAccountLengthRules } from './account-length.ts';
import { bundledModulusTables } from './tables.ts';
import type { ModulusTables } from './tables.ts';
import type { WeightRow } from './table-files.ts';

/**
 * Pay.UK (Vocalink) "Validating account numbers: UK modulus checking": MOD10, MOD11 and
 * double-alternate (DBLAL) checks over the 14 digits u v w x y z (sort code) and
 * a b c d e f g h (account number), with every exception code 1-14.
 *
 * Flow: length rules (see account-length.ts) -> weight-table rows for the sort code
 * (none: presumed valid) -> exception 6 foreign-currency test -> first check -> second
 * check. With two rows both must pass, except the pairs 2/9, 10/11 and 12/13, where one
 * passing check is enough (for 2/9 the second runs only when the first fails, which
 * gives the same answer), and exception 3, which skips the DBLAL row when c is 6 or 9.
 */

/** How the check ended; `reason` says the same in words. */
export type ModulusOutcome =
  | 'PASSED'
  | 'FAILED'
  /** The sort code is in no weight-table range: the spec says presume valid. */
  | 'NOT_IN_TABLE'
  /** Exception 6: a foreign-currency account, which the checks cannot be used on: presumed valid. */
  | 'FOREIGN_CURRENCY'
  /** A 9 or 10-digit account number at a bank with no rule for that length. */
  | 'UNSUPPORTED_LENGTH'
  /** Not digits, or the wrong number of them. */
  | 'MALFORMED';

export interface ModulusResult {
  /** True when the details passed, or could not be checked and are presumed valid. */
  valid: boolean;
  /** False when no check could run (no table range, foreign currency, malformed input). */
  checked: boolean;
  outcome: ModulusOutcome;
  /** Why the details failed or were not checked; never contains the details themselves. */
  reason?: string;
  /** The sort code and 8-digit account number the checks ran on, after the length rules. */
  normalised?: { sortCode: string; accountNumber: string };
}

// Positions in the 14-digit string u v w x y z a b c d e f g h.
const A = 6;
const B = 7;
const C = 8;
const G = 12;
const H = 13;
// Exception 7 and 10 "zeroise weighting positions u-b": start summing at c instead.
const FROM_C = 8;

const EXCEPTION_2_WEIGHTS: readonly number[] = [0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1];
const EXCEPTION_2_WEIGHTS_G_IS_9: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1];
const EXCEPTION_8_SORT_CODE = '090126';
const EXCEPTION_9_SORT_CODE = '309634';
const SORT_CODE = /^\d{6}$/;
const ACCOUNT_NUMBER = /^\d{6,10}$/;

function toDigits(sortCode: string, accountNumber: string): number[] {
  const text = sortCode + accountNumber;
  const digits = new Array<number>(14);
  for (let i = 0; i < 14; i++) digits[i] = text.charCodeAt(i) - 48;
  return digits;
}

function sumOfDigits(product: number): number {
  let sum = 0;
  for (let rest = product; rest > 0; rest = Math.floor(rest / 10)) sum += rest % 10;
  return sum;
}

function weightedTotal(digits: readonly number[], weights: readonly number[], method: WeightRow['method'], from: number): number {
  let total = 0;
  for (let i = from; i < 14; i++) {
    const product = (digits[i] ?? 0) * (weights[i] ?? 0);
    total += method === 'DBLAL' ? sumOfDigits(product) : product;
  }
  return total;
}

/** Remainder that is never negative (Nationwide's exception 12/13 rows have a weight of -1). */
function remainder(total: number, method: WeightRow['method']): number {
  const modulus = method === 'MOD11' ? 11 : 10;
  return ((total % modulus) + modulus) % modulus;
}

function digitAt(digits: readonly number[], position: number): number {
  return digits[position] ?? 0;
}

/** Exception 5: the remainder must give the check digit (g for MOD11, h for DBLAL). */
function exception5Passes(row: WeightRow, total: number, digits: readonly number[]): boolean {
  const rest = remainder(total, row.method);
  if (row.method === 'DBLAL') {
    const h = digitAt(digits, H);
    return rest === 0 ? h === 0 : 10 - rest === h;
  }
  const g = digitAt(digits, G);
  if (rest === 0) return g === 0;
  if (rest === 1) return false;
  return 11 - rest === g;
}

/** The sort code a row's check runs with: exceptions 5, 8 and 9 replace it. */
function sortCodeForRow(row: WeightRow, sortCode: string, tables: ModulusTables): string {
  if (row.exception === 5) return tables.substituteFor(sortCode) ?? sortCode;
  if (row.exception === 8) return EXCEPTION_8_SORT_CODE;
  if (row.exception === 9) return EXCEPTION_9_SORT_CODE;
  return sortCode;
}

function weightsForRow(row: WeightRow, digits: readonly number[]): readonly number[] {
  if (row.exception !== 2 || digitAt(digits, A) === 0) return row.weights;
  return digitAt(digits, G) === 9 ? EXCEPTION_2_WEIGHTS_G_IS_9 : EXCEPTION_2_WEIGHTS;
}

function firstWeightedPosition(row: WeightRow, digits: readonly number[]): number {
  const g = digitAt(digits, G);
  if (row.exception === 7 && g === 9) return FROM_C;
  if (row.exception === 10) {
    const a = digitAt(digits, A);
    if ((a === 0 || a === 9) && digitAt(digits, B) === 9 && g === 9) return FROM_C;
  }
  return 0;
}

/** Exception 14: if h is 0, 1 or 9, drop it, shift the account number right with a leading 0, and check again. */
function exception14RetryPasses(row: WeightRow, sortCode: string, accountNumber: string): boolean {
  const h = accountNumber.charCodeAt(7) - 48;
  if (h !== 0 && h !== 1 && h !== 9) return false;
  const shifted = toDigits(sortCode, '0' + accountNumber.slice(0, 7));
  return remainder(weightedTotal(shifted, row.weights, row.method, 0), row.method) === 0;
}

function rowPasses(row: WeightRow, sortCode: string, accountNumber: string, tables: ModulusTables): boolean {
  const rowSortCode = sortCodeForRow(row, sortCode, tables);
  const digits = toDigits(rowSortCode, accountNumber);
  if (row.exception === 3) {
    const c = digitAt(digits, C);
    if (c === 6 || c === 9) return true;
  }
  const total =
    weightedTotal(digits, weightsForRow(row, digits), row.method, firstWeightedPosition(row, digits)) +
    (row.exception === 1 ? 27 : 0);
  switch (row.exception) {
    case 4:
      return remainder(total, row.method) === digitAt(digits, G) * 10 + digitAt(digits, H);
    case 5:
      return exception5Passes(row, total, digits);
    case 14:
      return remainder(total, row.method) === 0 || exception14RetryPasses(row, rowSortCode, accountNumber);
    default:
      return remainder(total, row.method) === 0;
  }
}

/** Pairs where one passing check is enough (the spec's 2/9, 10/11 and 12/13). */
function onePassIsEnough(first: WeightRow): boolean {
  return first.exception === 2 || first.exception === 10 || first.exception === 12;
}

/**
 * The check that makes the details invalid: a row, 'BOTH' when neither check of a
 * one-is-enough pair passes, or null when the details pass.
 */
function failingCheck(first: WeightRow, second: WeightRow | undefined, passes: (row: WeightRow) => boolean): WeightRow | 'BOTH' | null {
  if (second === undefined) return passes(first) ? null : first;
  if (onePassIsEnough(first)) return passes(first) || passes(second) ? null : 'BOTH';
  // Both checks must pass, so the second need not run once the first has failed.
  if (!passes(first)) return first;
  return passes(second) ? null : second;
}

function isForeignCurrency(rows: readonly WeightRow[], accountNumber: string): boolean {
  if (!rows.some((row) => row.exception === 6)) return false;
  const a = accountNumber.charCodeAt(0) - 48;
  return a >= 4 && a <= 8 && accountNumber[6] === accountNumber[7];
}

function notChecked(valid: boolean, outcome: ModulusOutcome, reason: string): ModulusResult {
  return { valid, checked: false, outcome, reason };
}

/**
 * Checks a sort code and account number against the modulus rules.
 *
 * @param sortCode 6 digits, no separators (normalise with `parseSortCode` first).
 * @param accountNumber 6-10 digits, no separators.
 * @param tables default: the bundled Vocalink weight and substitution tables.
 * @returns never throws for bad input: malformed details come back invalid, unchecked.
 */
export function checkBankDetails(
  sortCode: string,
  accountNumber: string,
  tables: ModulusTables = bundledModulusTables(),
): ModulusResult {
  if (typeof sortCode !== 'string' || !SORT_CODE.test(sortCode)) {
    return notChecked(false, 'MALFORMED', 'sort code must be 6 digits');
  }
  if (typeof accountNumber !== 'string' || !ACCOUNT_NUMBER.test(accountNumber)) {
    return notChecked(false, 'MALFORMED', 'account number must be 6 to 10 digits');
  }
  const lengthRule = applyAccountLengthRules(sortCode, accountNumber);
  if (!lengthRule.ok) return notChecked(false, 'UNSUPPORTED_LENGTH', lengthRule.reason);
  const normalised = { sortCode: lengthRule.sortCode, accountNumber: lengthRule.accountNumber };

  const rows = tables.rowsFor(Number(normalised.sortCode));
  const [first, second] = rows;
  if (first === undefined) {
    return { ...notChecked(true, 'NOT_IN_TABLE', 'sort code is in no weight-table range: presumed valid'), normalised };
  }
  if (isForeignCurrency(rows, normalised.accountNumber)) {
    return { ...notChecked(true, 'FOREIGN_CURRENCY', 'exception 6 foreign-currency account: cannot be checked, presumed valid'), normalised };
  }

  const failed = failingCheck(first, second, (row) => rowPasses(row, normalised.sortCode, normalised.accountNumber, tables));
  if (failed === null) return { valid: true, checked: true, outcome: 'PASSED', normalised };
  const reason =
    failed === 'BOTH'
      ? 'account number fails both checks for this sort code'
      : `account number fails the ${failed.method} check for this sort code`;
  return { valid: false, checked: true, outcome: 'FAILED', reason, normalised };
}
