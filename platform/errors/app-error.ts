import { GraphQLError } from 'graphql';
import type { ErrorCode } from './catalogue.ts';

/**
 * The one base error: a catalogued code, a message safe to show any caller (no URLs, bodies
 * or personal data), and the original failure kept as `cause` for the server log only.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, safeMessage: string, options: { cause?: unknown; extensions?: Record<string, unknown> } = {}) {
    super(safeMessage, { extensions: { ...options.extensions, code } });
    this.code = code;
    this.name = 'AppError';
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

export class ValidationError extends AppError {}

export class NotFoundError extends AppError {
  constructor(safeMessage: string) {
    super('CITIZEN_NOT_FOUND', safeMessage);
  }
}

type LegacyErrorCode = 'LEGACY_UNAVAILABLE' | 'LEGACY_TIMEOUT' | 'LEGACY_WRITE_REFUSED' | 'LEGACY_RATE_LIMITED';

const LEGACY_FAILURES: Readonly<Record<LegacyErrorCode, string>> = {
  LEGACY_UNAVAILABLE: 'is unavailable',
  LEGACY_TIMEOUT: 'did not answer in time',
  LEGACY_WRITE_REFUSED: 'refused the change as invalid',
  LEGACY_RATE_LIMITED: 'asked us to wait before calling it again',
};

/**
 * A legacy system failed; `system` names it so a caller knows which part of the answer is
 * missing. `LEGACY_WRITE_REFUSED` is the one permanent failure: the system answered and
 * rejected a write, so repeating it cannot succeed.
 */
export class LegacyError extends AppError {
  declare readonly code: LegacyErrorCode;
  readonly system: string;
  /** How long the system asked us to wait (its `Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  /**
   * `notAsked`: the request's time ran out before the call could be made, so the code says
   * which part is missing while the message does not blame the system for it.
   */
  constructor(code: LegacyErrorCode, system: string, options: { cause?: unknown; retryAfterMs?: number; notAsked?: boolean } = {}) {
    const what = options.notAsked ? "was not asked: the request's time had run out" : LEGACY_FAILURES[code];
    super(code, `The ${system} system ${what}; this part of the answer is missing.`, { cause: options.cause, extensions: { system } });
    this.system = system;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same call may succeed later: every failure but a refused write. */
  get retryable(): boolean {
    return this.code !== 'LEGACY_WRITE_REFUSED';
  }
}

/**
 * A request refused unrun because of load or a shutdown, not because of anything wrong with it: the HTTP
 * layer sends `Retry-After` with it so well-behaved clients back off for as long as needed.
 */
export class RetryLaterError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(code: 'RATE_LIMITED' | 'OVERLOADED' | 'SHUTTING_DOWN', safeMessage: string, retryAfterSeconds: number) {
    super(code, safeMessage);
    this.name = 'RetryLaterError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
