import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
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
  return {
    async verify(authorizationHeader, requestId) {
      const token = bearerToken(authorizationHeader);
      try {
        const { payload } = await jwtVerify(token, options.jwks, verifyOptions);
        return principalFromClaims(payload, requestId);
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
