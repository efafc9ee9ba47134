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

/** The header value for a deadline: the whole milliseconds left, never negative. */
export function deadlineHeaderValue(deadline: Deadline): string {
  return String(Math.max(0, Math.floor(deadline.remainingMs())));
}
