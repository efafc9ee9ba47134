import { ValidationError } from '../errors/index.ts';

/**
 * The times an audit search may name: from the Unix epoch to the last moment of a four-digit
 * year. Far wider than any entry's `at`, and well inside what PostgreSQL's `timestamptz` and a
 * JavaScript Date both hold, so an out-of-range time is refused here rather than by the store.
 */
export const EARLIEST_AUDIT_TIME = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_AUDIT_TIME = new Date('9999-12-31T23:59:59.999Z');

export function isAuditTime(at: Date): boolean {
  const ms = at.getTime();
  return ms >= EARLIEST_AUDIT_TIME.getTime() && ms <= LATEST_AUDIT_TIME.getTime();
}

/** Refuses a time range the store could not compare (invalid or out-of-range dates) before any query. */
export function checkTimeRange(from: Date, to: Date): void {
  if (!isAuditTime(from) || !isAuditTime(to)) {
    throw new ValidationError('INVALID_ARGUMENT', '`from` and `to` must be valid times from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z');
  }
}

const MAX_ACTOR_LENGTH = 256;
// Control characters (NUL among them) cannot be stored in PostgreSQL text, so no subject holds one.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Refuses an actor (token subject) no token could carry, before any query. */
export function checkActor(subject: string): void {
  if (typeof subject !== 'string' || subject === '' || subject.length > MAX_ACTOR_LENGTH || CONTROL_CHARACTERS.test(subject)) {
    throw new ValidationError('INVALID_ARGUMENT', `\`actor\` must be a token subject: 1-${MAX_ACTOR_LENGTH} characters, no control characters`);
  }
}

/** Partner checks are referenced by a random UUID; anything else cannot have been issued. */
const CHECK_REFERENCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses a check reference that could not have been issued, before any query. */
export function checkReference(reference: string): void {
  if (typeof reference !== 'string' || !CHECK_REFERENCE.test(reference)) {
    throw new ValidationError('INVALID_ARGUMENT', '`reference` must be a partner check reference: a UUID as the check returned it');
  }
}
