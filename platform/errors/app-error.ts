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

export class ForbiddenError extends AppError {
  constructor(safeMessage: string) {
    super('FORBIDDEN', safeMessage);
  }
}

export type LegacyErrorCode = 'LEGACY_UNAVAILABLE' | 'LEGACY_TIMEOUT' | 'LEGACY_RATE_LIMITED' | 'LEGACY_REJECTED';

const LEGACY_FAILURES: Readonly<Record<LegacyErrorCode, string>> = {
  LEGACY_UNAVAILABLE: 'is unavailable; this part of the answer is missing.',
  LEGACY_TIMEOUT: 'did not answer in time; this part of the answer is missing.',
  LEGACY_RATE_LIMITED: 'asked us to wait before calling it again.',
  LEGACY_REJECTED: 'refused the request.',
};

/** A legacy system failed; `system` names it so a caller knows which part of the answer is missing. */
export class LegacyError extends AppError {
  declare readonly code: LegacyErrorCode;
  readonly system: string;
  /** How long the system asked us to wait (its `Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  constructor(code: LegacyErrorCode, system: string, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(code, `The ${system} system ${LEGACY_FAILURES[code]}`, { cause: options.cause, extensions: { system } });
    this.system = system;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same call may succeed later: every failure but a refusal of the request itself. */
  get retryable(): boolean {
    return this.code !== 'LEGACY_REJECTED';
  }
}

/**
 * A request refused unrun because of load, not because of anything wrong with it: the HTTP
 * layer sends `Retry-After` with it so well-behaved clients back off for as long as needed.
 */
export class RetryLaterError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(code: 'RATE_LIMITED' | 'OVERLOADED', safeMessage: string, retryAfterSeconds: number) {
    super(code, safeMessage);
    this.name = 'RetryLaterError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
