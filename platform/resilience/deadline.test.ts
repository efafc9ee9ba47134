import { describe, expect, it } from 'vitest';
import { budgetFromHeader, deadlineHeaderValue, deadlineIn } from './deadline.ts';

describe('budgetFromHeader', () => {
  const WHOLE_REQUEST_MS = 2_000;

  it.each<[string, string | string[] | undefined, number]>([
    ['absent', undefined, WHOLE_REQUEST_MS],
    ['a remaining budget', '750', 750],
    ['with spaces around it', ' 750 ', 750],
    ['nothing left', '0', 0],
    ['the first of repeated headers', ['300', '1500'], 300],
    ['more than a whole request', '999999999', WHOLE_REQUEST_MS],
    ['empty', '', WHOLE_REQUEST_MS],
    ['negative', '-5', WHOLE_REQUEST_MS],
    ['fractional', '1.5', WHOLE_REQUEST_MS],
    ['in exponent form', '1e3', WHOLE_REQUEST_MS],
    ['not a number', 'soon', WHOLE_REQUEST_MS],
    ['too long to be a number of milliseconds', '9'.repeat(400), WHOLE_REQUEST_MS],
  ])('grants %s: %j → %d ms', (_name, header, expected) => {
    expect(budgetFromHeader(header, WHOLE_REQUEST_MS)).toBe(expected);
  });
});

describe('deadlineIn', () => {
  it('counts down from the budget on the monotonic clock, and the header says what is left', () => {
    const deadline = deadlineIn(500, performance.now() - 200);
    expect(deadline.remainingMs()).toBeLessThanOrEqual(300);
    expect(deadline.remainingMs()).toBeGreaterThan(0);
    expect(Number(deadlineHeaderValue(deadline))).toBeLessThanOrEqual(300);
  });

  it('says 0, never a negative budget, once the deadline has passed', () => {
    const passed = deadlineIn(100, performance.now() - 1_000);
    expect(passed.remainingMs()).toBeLessThan(0);
    expect(deadlineHeaderValue(passed)).toBe('0');
  });
});
