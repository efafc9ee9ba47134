import { createHash } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { bearerToken } from './bearer-token.ts';
import { principalFromClaims } from './claims.ts';
import type { CallerPrincipal } from './principal.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';

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

export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...CALLER_TOKEN_ALGORITHMS],
    clockTolerance: options.clockToleranceSec ?? 5,
    requiredClaims: ['exp', 'sub'],
  };
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? 10_000;
  const maxAgeMs = options.cacheMaxAgeMs ?? 300_000;
  // Keyed by a hash, so the cache never holds a usable token; bounded, least recently used out first.
  const verified = cacheSize > 0 ? new LRUCache<string, JWTPayload>({ max: cacheSize, ttlAutopurge: false, perf: { now } }) : undefined;
  return {
    async verify(authorizationHeader, requestId) {
      const token = bearerToken(authorizationHeader);
      const key = verified && createHash('sha256').update(token).digest('base64url');
      const remembered = key && verified.get(key);
      if (remembered) return principalFromClaims(remembered, requestId);
      try {
        const { payload } = await jwtVerify(token, options.jwks, { ...verifyOptions, currentDate: new Date(now()) });
        const principal = principalFromClaims(payload, requestId);
        // Remembered no longer than the token is valid: it expires from the cache when it expires.
        const ttl = Math.min(Number(payload.exp) * 1000 - now(), maxAgeMs);
        if (key && ttl > 0) verified.set(key, payload, { ttl });
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
  const message = error instanceof errors.JWTExpired ? 'Bearer token has expired' : 'Bearer token is not valid';
  return new UnauthenticatedError(message, { cause: error });
}
