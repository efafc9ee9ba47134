import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

/** Entries arriving at the given times (ms). */
function arrivals(windowMs: number, times: readonly number[]) {
  const grouping = createGroupCommit(windowMs);
  for (const at of times) grouping.arrived(at);
  return grouping;
}

const every = (gapMs: number, count: number, from = 0) => Array.from({ length: count }, (_, i) => from + i * gapMs);

describe('group commit', () => {
  it('writes the first entry at once: nothing says another is coming', () => {
    expect(arrivals(10, [0]).delayMs()).toBe(0);
  });

  it('waits the window while entries arrive faster than one per two windows', () => {
    expect(arrivals(10, every(5, 20)).delayMs()).toBe(10);
    expect(arrivals(10, every(19, 20)).delayMs()).toBe(10);
  });

  it('writes at once while they arrive more slowly: a wait would share the statement with nobody', () => {
    expect(arrivals(10, every(21, 20)).delayMs()).toBe(0);
    expect(arrivals(10, every(500, 5)).delayMs()).toBe(0);
  });

  it('stops waiting after a quiet spell, and waits again once entries come close together', () => {
    const busyThenQuiet = [...every(2, 50), 60_000];
    expect(arrivals(10, busyThenQuiet).delayMs()).toBe(0);
    const busyAgain = [...busyThenQuiet, ...every(2, 20, 60_002)];
    expect(arrivals(10, busyAgain).delayMs()).toBe(10);
  });

  it('never waits with no window', () => {
    expect(arrivals(0, every(1, 50)).delayMs()).toBe(0);
  });
});
