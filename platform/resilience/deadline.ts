import { performance } from 'node:perf_hooks';

/**
 * The header the gateway sends each subgraph call: what is left of the request's budget, in
 * integer milliseconds. A relative budget, not a timestamp, so the two hosts' clocks never
 * have to agree.
 */
export const DEADLINE_HEADER = 'x-deadline-ms';

/** When a request's answer is due, on this process's monotonic clock. */
export interface Deadline {
  /** Milliseconds left; negative once the deadline has passed. */
  remainingMs(): number;
}

/** A deadline `budgetMs` from now. */
export function deadlineIn(budgetMs: number, now: number = performance.now()): Deadline {
  const atMs = now + budgetMs;
  return { remainingMs: () => atMs - performance.now() };
}

/**
 * The budget a subgraph grants a request from the `x-deadline-ms` it was sent: absent or
 * malformed (not a non-negative integer) gives the whole request's budget, and more than
 * that is cut to it, so no caller can make a subgraph work longer than a whole request may.
 */
export function budgetFromHeader(value: string | string[] | undefined, requestDeadlineMs: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return requestDeadlineMs;
  return Math.min(Number(text.trim()), requestDeadlineMs);
}

/** The header value for a deadline: the whole milliseconds left, never negative. */
export function deadlineHeaderValue(deadline: Deadline): string {
  return String(Math.max(0, Math.floor(deadline.remainingMs())));
}
