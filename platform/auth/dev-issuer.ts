import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { principalFromClaims } from './claims.ts';
import { normaliseNino } from './nino.ts';
import { readOrCreateSecretFile } from '../secrets/index.ts';
import { DEFAULT_SCOPES, isRole, isScope, type Role } from './vocabulary.ts';

export type DevIssuerAlgorithm = 'ES256' | 'EdDSA';

export interface DevIssuerOptions {
  /** Keys live in `<dataDir>/dev-issuer/`. */
  readonly dataDir: string;
  /** `iss` of minted tokens. */
  readonly issuer: string;
  /** `aud` of minted tokens. */
  readonly audience: string;
  /** Algorithm of a newly created key; default ES256. An existing key keeps its own. */
  readonly algorithm?: DevIssuerAlgorithm;
}

export interface MintOptions {
  readonly role: Role;
  /** Required for citizens, refused for anyone else. */
  readonly nino?: string;
  /** Added to the role's default scopes (partners have none: name each check). */
  readonly scopes?: readonly string[];
  /** Default DWP for staff roles and CITIZEN for citizens; partners must name theirs. */
  readonly org?: string;
  /** Default `dev-<role>`. */
  readonly subject?: string;
  /** Default 3600. */
  readonly ttlSeconds?: number;
}

export interface DevIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** The public key set to serve, e.g. at `<issuer>/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
  /** Key lookup for `createCallerVerifier`. */
  jwksGetter(): JWTVerifyGetKey;
  mint(options: MintOptions): Promise<string>;
}

const KEY_FILE = 'signing-key.jwk.json';

/**
 * A development stand-in for an OIDC provider: loads its signing key from
 * `<dataDir>/dev-issuer/`, creating it (private key file mode 0600) on first use, and mints
 * tokens the caller verifier accepts. Never for production: anyone with the data folder
 * can mint any role.
 */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const path = join(options.dataDir, 'dev-issuer', KEY_FILE);
  const stored = JSON.parse(await readOrCreateSecretFile(path, () => newPrivateJwk(options.algorithm ?? 'ES256'))) as JWK;
  const { alg, kid } = stored;
  if ((alg !== 'ES256' && alg !== 'EdDSA') || typeof kid !== 'string') throw new Error(`Development issuer key ${path} is not a key this issuer made`);
  const privateKey = await importJWK(stored, alg);
  const publicJwk = publicPart(stored);
  const keySet: JSONWebKeySet = { keys: [publicJwk] };
  const getter = createLocalJWKSet(keySet);

  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: () => structuredClone(keySet),
    jwksGetter: () => getter,
    async mint(mint) {
      const claims = mintClaims(mint);
      // Mint only what the verifier would accept, so a bad command line fails here, not later.
      principalFromClaims({ sub: mint.subject ?? `dev-${mint.role}`, ...claims }, 'mint');
      return new SignJWT(claims)
        .setProtectedHeader({ alg, kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(mint.subject ?? `dev-${mint.role}`)
        .setIssuedAt()
        .setExpirationTime(`${mint.ttlSeconds ?? 3600}s`)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}

function mintClaims(mint: MintOptions): Record<string, string> {
  if (!isRole(mint.role)) throw new Error(`Unknown role "${String(mint.role)}"`);
  const unknown = (mint.scopes ?? []).filter((scope) => !isScope(scope));
  if (unknown.length) throw new Error(`Unknown scope(s): ${unknown.join(', ')}`);
  if (mint.role === 'citizen' && mint.nino === undefined) throw new Error('A citizen token needs --nino');
  if (mint.role !== 'citizen' && mint.nino !== undefined) throw new Error('Only a citizen token carries a NINO');
  if (mint.role === 'partner' && mint.org === undefined) throw new Error('A partner token needs --org (e.g. NHS, DVLA)');
  const ttl = mint.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('ttlSeconds must be a positive whole number');
  const scopes = new Set([...DEFAULT_SCOPES[mint.role], ...(mint.scopes ?? [])]);
  return {
    role: mint.role,
    org: mint.org ?? (mint.role === 'citizen' ? 'CITIZEN' : 'DWP'),
    scope: [...scopes].join(' '),
    ...(mint.nino !== undefined ? { nino: normaliseNino(mint.nino) } : {}),
  };
}

async function newPrivateJwk(algorithm: DevIssuerAlgorithm): Promise<string> {
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true, ...(algorithm === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart(jwk));
  return `${JSON.stringify({ ...jwk, alg: algorithm, kid, use: 'sig' }, null, 2)}\n`;
}

/** Copies only the public members, so the private scalar `d` can never reach the JWKS. */
function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, alg, kid, use } = jwk;
  return Object.fromEntries(Object.entries({ kty, crv, x, y, alg, kid, use }).filter(([, value]) => value !== undefined)) as JWK;
}
