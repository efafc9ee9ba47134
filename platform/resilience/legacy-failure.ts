import { BrokenCircuitError } from 'cockatiel';
import { LegacyError, LegacyFaultError } from '../errors/index.ts';
import type { LegacyCallOutcome } from '../metrics/index.ts';

/** A failed status from the legacy system, kept as the `cause` of a LegacyError. */
export class LegacyStatusError extends Error {
  readonly statusCode: number;
  /** The system's `Retry-After`, in milliseconds, when it sent one we could read. */
  readonly retryAfterMs?: number;

  constructor(statusCode: number, retryAfterMs?: number) {
    super(`legacy system answered HTTP ${statusCode}`);
    this.name = 'LegacyStatusError';
    this.statusCode = statusCode;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

/** A `Retry-After` header (delay in seconds, or an HTTP date) as milliseconds from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The request's deadline ended the call, or left no time to start it. */
export class DeadlineExceededError extends Error {
  /** The call had run for the system's slow-call time: the system, not our budget, is to blame. */
  readonly slow: boolean;
  /** The call was made: false when the request's time (or its caller) had gone before it could start. */
  readonly asked: boolean;

  constructor(slow: boolean, asked = true) {
    super(asked ? 'the request deadline passed before the legacy system answered' : 'the request deadline had passed before the legacy system could be asked');
    this.name = 'DeadlineExceededError';
    this.slow = slow;
    this.asked = asked;
  }
}

/** undici's own timeouts: the configured limits of one call. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface FailureDescription {
  /** What the caller sees. */
  readonly code: LegacyError['code'];
  /** What the metrics count. */
  readonly outcome: Exclude<LegacyCallOutcome, 'ok'>;
  /** What an operator reads in the log: a code or class name, never a message, body or URL. */
  readonly cause: string;
  readonly detail?: Readonly<Record<string, string | number>>;
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Names what went wrong with a legacy call, from the error it failed with. */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof DeadlineExceededError) {
    return { code: 'LEGACY_TIMEOUT', outcome: error.slow ? 'timeout' : 'deadline', cause: 'DEADLINE_EXCEEDED' };
  }
  if (error instanceof BrokenCircuitError) return { code: 'LEGACY_UNAVAILABLE', outcome: 'short_circuit', cause: 'BREAKER_OPEN' };
  if (error instanceof LegacyStatusError && error.statusCode === 429) return { code: 'LEGACY_RATE_LIMITED', outcome: 'rate_limited', cause: 'HTTP_STATUS', detail: { status: 429 } };
  if (error instanceof LegacyStatusError) return { code: 'LEGACY_UNAVAILABLE', outcome: 'unavailable', cause: 'HTTP_STATUS', detail: { status: error.statusCode } };
  if (error instanceof LegacyError) {
    // The adapter's parse refused the answer: say why from what it kept as the cause.
    const cause: unknown = error.cause;
    const outcome = error.code === 'LEGACY_WRITE_REFUSED' ? 'refused' : 'unavailable';
    if (cause instanceof LegacyFaultError) return { code: error.code, outcome, cause: cause.kind, detail: { faultCode: cause.faultCode } };
    const name = cause instanceof Error ? cause.name : 'unknown';
    return { code: error.code, outcome, cause: name === 'ZodError' ? 'SCHEMA_MISMATCH' : 'MALFORMED_PAYLOAD', detail: { causeClass: name } };
  }
  const code = codeOf(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) return { code: 'LEGACY_TIMEOUT', outcome: 'timeout', cause: code };
  return { code: 'LEGACY_UNAVAILABLE', outcome: 'unavailable', cause: code ?? (error instanceof Error ? error.name : 'unknown') };
}
