import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { principalFromClaims } from './claims.ts';
import type { Principal } from './principal.ts';
import { parsePurpose } from './purpose.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';

/**
 * The short-lived token the gateway signs for each subgraph call, carrying the verified
 * principal, its purpose and the request id. Both ends are ours, so a shared HS256 secret is
 * enough; subgraphs accept nothing else, which keeps them callable only through the gateway.
 */
export interface InternalTokenOptions {
  /** At least 32 bytes (a string is taken as UTF-8). */
  readonly secret: string | Uint8Array;
  /** Default `citizen-graph-gateway`. */
  readonly issuer?: string;
  /** Default `citizen-graph-subgraphs`. */
  readonly audience?: string;
}

export interface InternalTokenSignerOptions extends InternalTokenOptions {
  /** Lifetime of each token; default 60 seconds. */
  readonly ttlSeconds?: number;
}

export interface InternalTokenVerifierOptions extends InternalTokenOptions {
  /** Allowed clock skew between gateway and subgraph; default 5 seconds. */
  readonly clockToleranceSec?: number;
}

export interface InternalTokenSigner {
  sign(principal: Principal): Promise<string>;
}

export interface InternalTokenVerifier {
  /** Throws UnauthenticatedError unless the token is ours, unexpired and for the subgraphs. */
  verify(token: string | undefined): Promise<Principal>;
}

const ALGORITHM = 'HS256';
const DEFAULT_ISSUER = 'citizen-graph-gateway';
const DEFAULT_AUDIENCE = 'citizen-graph-subgraphs';
const MIN_SECRET_BYTES = 32;

export function createInternalTokenSigner(options: InternalTokenSignerOptions): InternalTokenSigner {
  const key = secretKey(options.secret);
  const ttlSeconds = options.ttlSeconds ?? 60;
  return {
    sign(principal) {
      const claims: JWTPayload = {
        role: principal.role,
        org: principal.organisation,
        scope: [...principal.scopes].join(' '),
        rid: principal.requestId,
        ...(principal.nino !== undefined ? { nino: principal.nino } : {}),
        ...(principal.purpose !== undefined ? { purpose: principal.purpose } : {}),
      };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setIssuer(options.issuer ?? DEFAULT_ISSUER)
        .setAudience(options.audience ?? DEFAULT_AUDIENCE)
        .setSubject(principal.subject)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(randomUUID())
        .sign(key);
    },
  };
}

export function createInternalTokenVerifier(options: InternalTokenVerifierOptions): InternalTokenVerifier {
  const key = secretKey(options.secret);
  const verifyOptions = {
    issuer: options.issuer ?? DEFAULT_ISSUER,
    audience: options.audience ?? DEFAULT_AUDIENCE,
    algorithms: [ALGORITHM],
    clockTolerance: options.clockToleranceSec ?? 5,
    requiredClaims: ['exp', 'sub', 'rid'],
  };
  return {
    async verify(token) {
      if (token === undefined || token === '') throw new UnauthenticatedError('Subgraphs accept calls from the gateway only');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, verifyOptions));
      } catch (error) {
        throw new UnauthenticatedError('Subgraphs accept calls from the gateway only', { cause: error });
      }
      const { rid, purpose } = payload;
      if (typeof rid !== 'string' || rid === '') throw new UnauthenticatedError('Internal token has no request id');
      const principal = principalFromClaims(payload, rid);
      if (purpose === undefined) return principal;
      const parsed = typeof purpose === 'string' ? parsePurposeOrUndefined(purpose) : undefined;
      if (parsed === undefined) throw new UnauthenticatedError('Internal token has an invalid purpose');
      return { ...principal, purpose: parsed };
    },
  };
}

function parsePurposeOrUndefined(raw: string): string | undefined {
  try {
    return parsePurpose(raw);
  } catch {
    return undefined;
  }
}

function secretKey(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.byteLength < MIN_SECRET_BYTES) throw new Error(`The internal token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return key;
}
