import { invalidInput, quoteInput } from './input-error.ts';

/**
 * An amount of money in whole pence (an integer, never a float of pounds), from 0 to
 * £999,999,999.99. Money is never negative here: a deduction, overpayment or debt is a
 * positive amount in a field whose name says what it is, which keeps signs out of every
 * caller's arithmetic.
 */
export type Pence = number & { readonly __brand: 'Pence' };

const MAX_PENCE = 99_999_999_999;
// Pounds with at most two decimal places: 241, 241.3, 241.30; no sign, grouping or symbol.
const POUNDS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const HINT = 'Money must be an amount in pounds with at most two decimal places and no sign, e.g. 241.30';

/**
 * Parses an amount in pounds given as a string (`"241.3"`, `"241.30"`, `"241"`) or a
 * number (`241.3`). Numbers are read through their shortest decimal spelling, so `241.3`
 * is exactly 24130 pence and `0.1 + 0.2` (`0.30000000000000004`) is refused rather than
 * rounded.
 *
 * @throws ValidationError with code INVALID_MONEY.
 */
export function parseMoney(input: unknown): Pence {
  const text = typeof input === 'number' ? String(input) : input;
  const match = typeof text === 'string' ? POUNDS.exec(text) : null;
  if (match === null) throw invalidInput('INVALID_MONEY', `${HINT}; ${quoteInput(input)} is not valid`);
  const pounds = Number(match[1]);
  const pence = Number((match[2] ?? '').padEnd(2, '0'));
  return (pounds * 100 + pence) as Pence;
}

/** True for a whole number of pence that `Pence` allows. */
export function isPence(value: unknown): value is Pence {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_PENCE;
}

/**
 * Pounds with exactly two decimal places (`24130` -> `"241.30"`), the wire form of Money.
 *
 * @throws RangeError when given anything but whole pence in range: a programming error,
 *   not bad input.
 */
export function formatMoney(pence: Pence | number): string {
  if (!isPence(pence)) throw new RangeError('formatMoney expects whole, non-negative pence');
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
