import { hash } from 'node:crypto';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { bearerToken } from './bearer-token.ts';
import { principalFromClaims } from './claims.ts';
import type { CallerPrincipal } from './principal.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

/** Asymmetric algorithms only: `none` and HS* (a shared secret an issuer would have to give us) are refused. */
export const CALLER_TOKEN_ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;

export interface CallerVerifierOptions {
  /** Expected `iss`. */
  readonly issuer: string;
  /** Expected `aud`. */
  readonly audience: string;
  /** Key lookup: `createRemoteJWKSet(url)` for a real issuer, the dev issuer's `jwksGetter()` locally. */
  readonly jwks: JWTVerifyGetKey;
  /** Allowed clock skew for `exp`/`nbf`; default 5 seconds. */
  readonly clockToleranceSec?: number;
  /** Verified tokens remembered until they expire, so a caller's token is checked once, not on every request; default 10,000. 0 turns the cache off. */
  readonly cacheSize?: number;
  /** Longest a verified token is remembered, so a key the issuer withdraws stops being honoured; default 300,000 ms. */
  readonly cacheMaxAgeMs?: number;
  /** Default `Date.now`. */
  readonly now?: () => number;
}

export interface CallerVerifier {
  /**
   * Verifies the caller's bearer JWT (signature, algorithm, `iss`, `aud`, required `exp`) and
   * its claims. Throws UnauthenticatedError for any token problem; a key-set fetch failure
   * (the issuer is down, not the caller's fault) propagates as it is.
   */
  verify(authorizationHeader: string | undefined, requestId: string): Promise<CallerPrincipal>;
}

/** The verified-token cache's key: a hash, so the cache never holds a usable token. */
function cacheKey(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** How a well-formed Authorization header starts, as callers almost always send it. */
const BEARER_PREFIX = 'Bearer ';

export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...CALLER_TOKEN_ALGORITHMS],
    clockTolerance: options.clockToleranceSec ?? 5,
    requiredClaims: ['exp', 'sub'],
  };
  const now = options.now ?? Date.now;
  const verified = createVerifiedTokenCache<CallerPrincipal>({ size: options.cacheSize ?? 10_000, maxAgeMs: options.cacheMaxAgeMs ?? 300_000, now });
  return {
    async verify(authorizationHeader, requestId) {
      // The claims were checked once, when the token was; only the request id is new. A header
      // that is exactly `Bearer ` and a token verified before needs no syntax check either.
      const exact = verified.enabled && authorizationHeader?.startsWith(BEARER_PREFIX) ? authorizationHeader.slice(BEARER_PREFIX.length) : undefined;
      const exactKey = exact === undefined ? undefined : cacheKey(exact);
      const recognised = exactKey === undefined ? undefined : verified.get(exactKey);
      if (recognised) return { ...recognised, requestId };
      const token = bearerToken(authorizationHeader);
      // A header in the usual form was hashed and looked up already: a token is hashed once, however it is spelled.
      const key = !verified.enabled ? '' : token === exact ? exactKey! : cacheKey(token);
      const remembered = key === exactKey ? undefined : verified.get(key);
      if (remembered) return { ...remembered, requestId };
      try {
        const { payload } = await jwtVerify(token, options.jwks, { ...verifyOptions, currentDate: new Date(now()) });
        const principal = principalFromClaims(payload, requestId);
        verified.remember(key, principal, Number(payload.exp));
        return principal;
      } catch (error) {
        throw asUnauthenticated(error);
      }
    },
  };
}

function asUnauthenticated(error: unknown): unknown {
  if (error instanceof UnauthenticatedError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return error;
  return new UnauthenticatedError(refusalReason(error), { cause: error });
}

/**
 * Why a token was refused, in words a developer can act on. Each names only what any holder of
 * the token can read in it or in the issuer's public metadata (which claim, which published
 * keys): never the expected values, a key or the token itself.
 */
function refusalReason(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'Bearer token has expired: get a new one from the issuer.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `Bearer token lacks the required "${error.claim}" claim.`;
    switch (error.claim) {
      case 'iss':
        return 'Bearer token issuer ("iss") is not accepted by this gateway: get a token from the issuer it is configured with (AUTH_ISSUER).';
      case 'aud':
        return 'Bearer token audience ("aud") is not this gateway: get a token issued for it (AUTH_AUDIENCE).';
      case 'nbf':
        return 'Bearer token is not valid yet ("nbf" is in the future): check the issuer\'s clock.';
      default:
        return `Bearer token has an invalid "${error.claim}" claim.`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return `Bearer token is signed with an algorithm this gateway does not accept (it accepts ${CALLER_TOKEN_ALGORITHMS.join(', ')}).`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'Bearer token is signed with a key ("kid") the issuer does not publish: get a new token from the issuer.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return "Bearer token signature does not verify against the issuer's published keys.";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'Bearer token is not a well-formed signed JWT.';
  return 'Bearer token is not valid.';
}
