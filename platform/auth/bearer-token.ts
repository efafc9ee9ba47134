import { UnauthenticatedError } from './unauthenticated-error.ts';

/** Far above any real JWT; stops a huge header being parsed at all. */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/i;

/** Extracts the compact JWT from an `Authorization: Bearer <jwt>` header, or throws UNAUTHENTICATED. */
export function bearerToken(authorizationHeader: string | undefined): string {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') {
    throw new UnauthenticatedError('An Authorization: Bearer token is required');
  }
  const match = authorizationHeader.length <= MAX_TOKEN_LENGTH + 7 ? BEARER.exec(authorizationHeader.trim()) : null;
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer " followed by a JWT');
  return match[1];
}
