import { describe, expect, it } from 'vitest';
import { deadlineHeaderValue, deadlineIn } from './deadline.ts';

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
