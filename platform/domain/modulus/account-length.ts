/**
 * The specification's rules for account numbers that are not 8 digits long, which turn
 * a sort code and 6-10 digit account number into the 6 + 8 digits the checks run on.
 *
 * Covered: 6 and 7 digits (zero-padded on the left, any bank); 9 digits at Santander
 * (the first account digit replaces the last sort-code digit, the other 8 are checked);
 * 10 digits at NatWest (last 8 checked) and the Co-operative Bank (first 8 checked).
 * Not covered: any other bank's 9 or 10-digit numbers, which are reported as
 * unsupported rather than guessed at.
 */

export type LengthRuleResult =
  | { readonly ok: true; readonly sortCode: string; readonly accountNumber: string }
  | { readonly ok: false; readonly reason: string };

type SortCodeRange = readonly [first: number, last: number];

// Santander (ex-Alliance & Leicester, ex-Girobank, ex-Abbey clearing) sort codes that issue 9-digit numbers.
const SANTANDER_NINE_DIGIT: readonly SortCodeRange[] = [
  [90000, 91999],
  [720000, 729999],
  [890000, 892999],
];
// NatWest, including the ex-District, ex-National Provincial and ex-Westminster ranges.
const NATWEST_TEN_DIGIT: readonly SortCodeRange[] = [
  [10000, 19999],
  [500000, 669999],
];
// Co-operative Bank 08 sort codes, less 083xxx, which belongs to Citibank.
const COOPERATIVE_TEN_DIGIT: readonly SortCodeRange[] = [
  [80000, 82999],
  [84000, 89999],
];

function inRanges(sortCode: number, ranges: readonly SortCodeRange[]): boolean {
  return ranges.some(([first, last]) => sortCode >= first && sortCode <= last);
}

/** Applies the length rules; expects digits only (6-digit sort code, 6-10 digit account number). */
export function applyAccountLengthRules(sortCode: string, accountNumber: string): LengthRuleResult {
  switch (accountNumber.length) {
    case 8:
      return { ok: true, sortCode, accountNumber };
    case 6:
    case 7:
      return { ok: true, sortCode, accountNumber: accountNumber.padStart(8, '0') };
    case 9:
      if (inRanges(Number(sortCode), SANTANDER_NINE_DIGIT)) {
        return { ok: true, sortCode: sortCode.slice(0, 5) + accountNumber.slice(0, 1), accountNumber: accountNumber.slice(1) };
      }
      return { ok: false, reason: '9-digit account numbers are defined only for Santander sort codes' };
    case 10:
      if (inRanges(Number(sortCode), NATWEST_TEN_DIGIT)) return { ok: true, sortCode, accountNumber: accountNumber.slice(2) };
      if (inRanges(Number(sortCode), COOPERATIVE_TEN_DIGIT)) return { ok: true, sortCode, accountNumber: accountNumber.slice(0, 8) };
      return { ok: false, reason: '10-digit account numbers are defined only for NatWest and Co-operative Bank sort codes' };
    default:
      return { ok: false, reason: 'account number must be 6 to 10 digits' };
  }
}
