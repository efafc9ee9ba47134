import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadlineHeaderValue, deadlineIn, timeoutSignal } from './deadline.ts';

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

describe('timeoutSignal', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts with a TimeoutError once its time is up', () => {
    vi.useFakeTimers();
    const { signal } = timeoutSignal(50);
    vi.advanceTimersByTime(49);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('never aborts once cleared, and leaves no timer behind', () => {
    vi.useFakeTimers();
    const timeout = timeoutSignal(50);
    timeout.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(timeout.signal.aborted).toBe(false);
  });

  it('aborts with its parent, and stops listening to it once cleared', () => {
    const parent = new AbortController();
    const linked = timeoutSignal(10_000, parent.signal);
    const unlinked = timeoutSignal(10_000, parent.signal);
    unlinked.clear();
    parent.abort(new Error('caller went away'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('caller went away');
    expect(unlinked.signal.aborted).toBe(false);
    linked.clear();
  });

  it('starts aborted under a parent that already is', () => {
    const parent = new AbortController();
    parent.abort(new Error('gone'));
    const timeout = timeoutSignal(10_000, parent.signal);
    expect(timeout.signal.aborted).toBe(true);
    timeout.clear();
  });
});
