import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { createInternalTokenSigner, isRole, type Principal } from '../../platform/auth/index.ts';

/**
 * What a peer gateway adds to each subgraph call so our subgraphs will answer: the internal
 * token they require, naming the caller. The peers authenticate nobody: the caller's token is
 * decoded, not verified (the peers do no caller authentication and no audit of their own; our
 * subgraphs still enforce every rule and audit every access).
 *
 * Tokens are cached per caller token and purpose for half their 60-second life, so a peer
 * signs about once per caller per 30 s; ours signs one per request. That favours the peers
 * by one HS256 signature per request (a few microseconds), which the results state.
 */
export interface CallerForwarding {
  /** The `authorization` header value for a subgraph call on behalf of this caller. */
  internalAuthorization(callerAuthorization: string | undefined, purpose: string | undefined): Promise<string>;
}

const TOKEN_TTL_SECONDS = 60;

export function createCallerForwarding(secret: string): CallerForwarding {
  const signer = createInternalTokenSigner({ secret, ttlSeconds: TOKEN_TTL_SECONDS });
  const cache = new Map<string, { header: Promise<string>; freshUntil: number }>();
  return {
    internalAuthorization(callerAuthorization, purpose) {
      const key = `${callerAuthorization ?? ''}\n${purpose ?? ''}`;
      const cached = cache.get(key);
      if (cached && cached.freshUntil > Date.now()) return cached.header;
      const header = signer.sign(principalOf(callerAuthorization, purpose)).then((token) => `Bearer ${token}`);
      cache.set(key, { header, freshUntil: Date.now() + (TOKEN_TTL_SECONDS * 1000) / 2 });
      return header;
    },
  };
}

/** The caller as their token's claims say, unverified; an anonymous analyst when there is none. */
function principalOf(authorization: string | undefined, purpose: string | undefined): Principal {
  const claims = authorization?.startsWith('Bearer ') ? decodeJwt(authorization.slice('Bearer '.length)) : {};
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : 'anonymous',
    role: isRole(claims.role) ? claims.role : 'analyst',
    organisation: typeof claims.org === 'string' ? claims.org : 'NONE',
    scopes: new Set(typeof claims.scope === 'string' ? claims.scope.split(' ') : []),
    ...(typeof claims.nino === 'string' ? { nino: claims.nino } : {}),
    ...(purpose ? { purpose } : {}),
    requestId: randomUUID(),
  };
}
