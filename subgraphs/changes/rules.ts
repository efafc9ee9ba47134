import { hash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/index.ts';
import { addDays } from '../../platform/domain/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { ChangeKind } from './domain.ts';

/**
 * The rules a reported change must meet, pure: the window its effective date must fall in,
 * the shape of an idempotency key, and which systems a change is delivered to.
 */

/** A change may be back-dated a month and reported up to about three months ahead. */
export const EFFECTIVE_DATE_DAYS_BACK = 31;
export const EFFECTIVE_DATE_DAYS_AHEAD = 92;

/** Throws INVALID_ARGUMENT unless `date` lies from 31 days before `today` to 92 days after it. */
export function requireEffectiveDate(date: string, today: string): void {
  const earliest = addDays(today, -EFFECTIVE_DATE_DAYS_BACK);
  const latest = addDays(today, EFFECTIVE_DATE_DAYS_AHEAD);
  if (date < earliest || date > latest) {
    throw new AppError('INVALID_ARGUMENT', `effectiveDate must be from ${earliest} to ${latest} (31 days back to 92 days ahead).`);
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** Throws INVALID_ARGUMENT unless the key is 1-128 printable ASCII characters without spaces. */
export function requireIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new AppError('INVALID_ARGUMENT', 'idempotencyKey must be 1 to 128 printable characters without spaces.');
}

/** A fingerprint of what a request asked, so a repeated key can be told apart from a reused one. */
export function inputHash(operation: string, input: Readonly<Record<string, unknown>>): string {
  return hash('sha256', canonicalJson({ operation, input }));
}

/** A system a change may go to, as its writer describes itself. */
export interface TargetCandidate {
  readonly system: string;
  readonly kinds: readonly ChangeKind[];
}

/** What asking a system whether it holds the citizen gave: yes, no, or no answer. */
export type Holding = boolean | 'unknown';

/**
 * The systems a change goes to, in delivery order: `master` (CIS) always, first; then each
 * other system that keeps this kind of change and holds the citizen, or could not say (an
 * outage must never silently drop a target: a delivery that finds nothing there ends as not needed).
 */
export function deliveryTargets(kind: ChangeKind, master: string, candidates: readonly TargetCandidate[], holdings: ReadonlyMap<string, Holding>): string[] {
  const others = candidates.filter((candidate) => candidate.system !== master && candidate.kinds.includes(kind) && holdings.get(candidate.system) !== false);
  return [master, ...others.map((candidate) => candidate.system)];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ]{8,18}[0-9]$/;

/** Contact details as reported: at least one given, each well formed; null leaves the one held unchanged. */
export function requireContactDetails(details: { phone: string | null; mobile: string | null; email: string | null }): void {
  if (details.phone === null && details.mobile === null && details.email === null) {
    throw new AppError('INVALID_ARGUMENT', 'Give at least one of phone, mobile and email.');
  }
  for (const field of ['phone', 'mobile'] as const) {
    const value = details[field];
    if (value !== null && !PHONE.test(value)) throw new AppError('INVALID_ARGUMENT', `${field} must be a UK or international number of 10 to 20 digits and spaces.`);
  }
  if (details.email !== null && (details.email.length > 254 || !EMAIL.test(details.email))) throw new AppError('INVALID_ARGUMENT', 'email must be an email address.');
}

/** A death is reported once it has happened: the date of death is not after today. */
export function requireDateOfDeath(date: string, today: string): void {
  if (date > today) throw new AppError('INVALID_ARGUMENT', 'dateOfDeath cannot be after today.');
}
