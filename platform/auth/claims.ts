import type { JWTPayload } from 'jose';
import { looksLikeNino, normaliseNino } from './nino.ts';
import type { CallerPrincipal } from './principal.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';
import { isRole } from './vocabulary.ts';

/**
 * Turns a verified token's claims into a principal, or throws UNAUTHENTICATED naming the
 * claim at fault (never its value). Shared by the caller and internal token verifiers so both
 * apply the same rules: a known role, a subject and organisation, and a well-formed NINO for
 * (and only for) citizens.
 */
export function principalFromClaims(claims: JWTPayload, requestId: string): CallerPrincipal {
  const { sub, role, org, scope, nino } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') throw invalidClaim('sub');
  if (!isRole(role)) throw invalidClaim('role');
  if (typeof org !== 'string' || org.trim() === '') throw invalidClaim('org');
  if (scope !== undefined && typeof scope !== 'string') throw invalidClaim('scope');
  const scopes = new Set((scope ?? '').split(' ').filter((s) => s !== ''));
  const base = { subject: sub, role, organisation: org, scopes, requestId };
  if (role !== 'citizen') return base;
  if (typeof nino !== 'string' || !looksLikeNino(nino)) throw invalidClaim('nino');
  return { ...base, nino: normaliseNino(nino) };
}

function invalidClaim(claim: string): UnauthenticatedError {
  return new UnauthenticatedError(`Bearer token has a missing or invalid "${claim}" claim`);
}
