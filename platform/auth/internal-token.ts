import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { principalFromClaims } from './claims.ts';
import type { Principal } from './principal.ts';
import { parsePurpose } from './purpose.ts';
import { UnauthenticatedError } from './unauthenticated-error.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

/**
 * The short-lived token the gateway signs for each subgraph call, carrying the verified
 * principal, its purpose, the request id and the operation name the caller gave. Both ends are ours, so a shared HS256 secret is
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
  /**
   * Tokens verified in the last few seconds, remembered so the several subgraph calls of one
   * request (each carrying the same token) cost one signature check; default 1,000. 0 turns it off.
   */
  readonly cacheSize?: number;
  /** Default `Date.now`. */
  readonly now?: () => number;
}

export interface InternalTokenSigner {
  /**
   * `operationName` is the caller's, for the audit: a subgraph only sees the name the
   * gateway's query planner gives its part of the operation.
   */
  sign(principal: Principal, operationName?: string): Promise<string>;
}

/** What a subgraph learns from a verified internal token. */
export interface InternalCall {
  readonly principal: Principal;
  /** The operation name the caller gave the gateway; absent for an anonymous operation. */
  readonly operationName?: string;
}

export interface InternalTokenVerifier {
  /** Throws UnauthenticatedError unless the token is ours, unexpired and for the subgraphs. */
  verify(token: string | undefined): Promise<InternalCall>;
}

const ALGORITHM = 'HS256';
const DEFAULT_ISSUER = 'citizen-graph-gateway';
const DEFAULT_AUDIENCE = 'citizen-graph-subgraphs';
const MIN_SECRET_BYTES = 32;

export function createInternalTokenSigner(options: InternalTokenSignerOptions): InternalTokenSigner {
  const key = hmacKey(options.secret, 'sign');
  const ttlSeconds = options.ttlSeconds ?? 60;
  return {
    async sign(principal, operationName) {
      const claims: JWTPayload = {
        role: principal.role,
        org: principal.organisation,
        scope: [...principal.scopes].join(' '),
        rid: principal.requestId,
        ...(principal.nino !== undefined ? { nino: principal.nino } : {}),
        ...(principal.purpose !== undefined ? { purpose: principal.purpose } : {}),
        ...(operationName !== undefined ? { op: operationName } : {}),
      };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setIssuer(options.issuer ?? DEFAULT_ISSUER)
        .setAudience(options.audience ?? DEFAULT_AUDIENCE)
        .setSubject(principal.subject)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(randomUUID())
        .sign(await key);
    },
  };
}

/** Longest a verified internal token is remembered: a request's subgraph calls come within it. */
const REMEMBER_MS = 10_000;

export function createInternalTokenVerifier(options: InternalTokenVerifierOptions): InternalTokenVerifier {
  const key = hmacKey(options.secret, 'verify');
  const now = options.now ?? Date.now;
  // Keyed by the whole token: only the very same signed bytes are ever served from here.
  const verified = createVerifiedTokenCache<InternalCall>({ size: options.cacheSize ?? 1_000, maxAgeMs: REMEMBER_MS, now });
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
      const remembered = verified.get(token);
      if (remembered) return remembered;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await key, { ...verifyOptions, currentDate: new Date(now()) }));
      } catch (error) {
        throw new UnauthenticatedError('Subgraphs accept calls from the gateway only', { cause: error });
      }
      const call = internalCall(payload);
      verified.remember(token, call, Number(payload.exp));
      return call;
    },
  };
}

/** What a verified token's claims say of the call. */
function internalCall(payload: JWTPayload): InternalCall {
  const { rid, purpose, op } = payload;
  if (typeof rid !== 'string' || rid === '') throw new UnauthenticatedError('Internal token has no request id');
  if (op !== undefined && typeof op !== 'string') throw new UnauthenticatedError('Internal token has an invalid operation name');
  const operation = op === undefined ? {} : { operationName: op };
  const principal = principalFromClaims(payload, rid);
  if (purpose === undefined) return { principal, ...operation };
  const parsed = typeof purpose === 'string' ? parsePurposeOrUndefined(purpose) : undefined;
  if (parsed === undefined) throw new UnauthenticatedError('Internal token has an invalid purpose');
  return { principal: { ...principal, purpose: parsed }, ...operation };
}

function parsePurposeOrUndefined(raw: string): string | undefined {
  try {
    return parsePurpose(raw);
  } catch {
    return undefined;
  }
}

/**
 * The secret as a WebCrypto key, imported once: given raw bytes, jose imports them again on
 * every signature and every check, which cost a third of the tokens' CPU.
 */
function hmacKey(secret: string | Uint8Array, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
  if (bytes.byteLength < MIN_SECRET_BYTES) throw new Error(`The internal token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}
