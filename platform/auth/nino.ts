import { isNino } from '../domain/index.ts';

/**
 * NINO handling for tokens and policies. The rules live in platform/domain; here only the
 * comparison form is added, which never throws, because a policy must answer, not fail.
 */

/** Upper case with all whitespace removed: the form NINOs are compared and stored in. */
export function normaliseNino(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function looksLikeNino(raw: string): boolean {
  return isNino(raw);
}
