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

/** The header value for a deadline: the whole milliseconds left (less `keptBackMs`), never negative. */
export function deadlineHeaderValue(deadline: Deadline, keptBackMs = 0): string {
  return String(Math.max(0, Math.floor(deadline.remainingMs() - keptBackMs)));
}

/** A signal that aborts after `ms` (or with `parent`), and the means to stand it down. */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  /** Cancels the timer (and the link to `parent`): call it once the work is done. */
  clear(): void;
}

/**
 * Like `AbortSignal.timeout(ms)` (with `AbortSignal.any` for a parent), but cancellable: a
 * timeout signal's timer always fires, building an abort error for work long finished, which
 * under load cost more than the calls it guarded.
 */
export function timeoutSignal(ms: number, parent?: AbortSignal): TimeoutSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  const onParentAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
