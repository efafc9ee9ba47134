import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet } from 'jose';
import {
  createCallerVerifier,
  createDevIssuer,
  createInternalTokenSigner,
  internalTokenSecret,
  parsePurpose,
  withPurpose,
  type DevIssuer,
  type Principal,
} from '../platform/auth/index.ts';
import type { Config } from '../platform/config/index.ts';
import type { RouteHandler } from '../platform/http/index.ts';
import { deadlineIn, type Deadline, type SharedReads } from '../platform/resilience/index.ts';
import type { LaterLevels } from './plan-levels.ts';
import { newRequestAccess, type RequestAccess } from './request-audit.ts';
import { devSignInRoute } from './dev-sign-in.ts';

export interface GatewayContext {
  readonly requestId: string;
  readonly principal: Principal;
  /** When the request arrived, on this process's monotonic clock (`performance.now()`). */
  readonly receivedAt: number;
  /** When the caller's answer is due: subgraphs are told what is left of it. */
  readonly deadline: Deadline;
  /** What every subgraph served and refused, for the request's one audit entry. */
  readonly access: RequestAccess;
  /** The legacy answers the subgraphs in this process have had for the request, so that they ask each system an identical read once; made by its first subgraph fetch. */
  sharedReads?: SharedReads;
  /** How many levels of the request's query plan wait for each fetch; set once the plan is known. */
  laterLevels?: LaterLevels;
}

export interface CallerAuthentication {
  context(headers: IncomingHttpHeaders, requestId: string): Promise<GatewayContext>;
  /** The short-lived token a subgraph accepts for one call on this caller's behalf. */
  internalToken(context: GatewayContext, operationName: string | undefined): Promise<string>;
  /** The development issuer's JWKS and sign-in, served only when no real issuer is configured. */
  readonly routes: Record<string, RouteHandler>;
}

/** The development issuer a config implies: none when a real issuer's JWKS is configured. */
export async function devIssuerFor(config: Config): Promise<DevIssuer | undefined> {
  if (config.auth.jwksUrl) return undefined;
  return createDevIssuer({ dataDir: config.dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
}

/**
 * Establishes who is calling: verifies the bearer JWT against the issuer's JWKS, reads the
 * declared purpose (whether one is required is the admission's decision), and signs the principal (with the operation, once it is known) into the
 * tokens the subgraphs verify.
 */
export async function createCallerAuthentication(config: Config): Promise<CallerAuthentication> {
  const devIssuer = await devIssuerFor(config);
  const jwks = config.auth.jwksUrl ? createRemoteJWKSet(new URL(config.auth.jwksUrl)) : devIssuer!.jwksGetter();
  const verifier = createCallerVerifier({ issuer: config.auth.issuer, audience: config.auth.audience, jwks, cacheSize: config.gateway.callerTokenCacheSize });
  const signer = createInternalTokenSigner({ secret: await internalTokenSecret(config) });
  const tokens = new WeakMap<GatewayContext, Promise<string>>();
  const routes: Record<string, RouteHandler> = {};
  if (devIssuer) {
    routes['GET /dev-issuer/.well-known/jwks.json'] = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(devIssuer.jwks()));
    };
    if (config.web.devSignIn) Object.assign(routes, devSignInRoute(devIssuer));
  }
  return {
    routes,
    async context(headers, requestId) {
      const receivedAt = performance.now();
      const deadline = deadlineIn(config.requestDeadlineMs, receivedAt);
      const caller = await verifier.verify(headers.authorization, requestId);
      return { requestId, principal: withPurpose(caller, parsePurpose(headers['x-purpose'])), receivedAt, deadline, access: newRequestAccess() };
    },
    internalToken(context, operationName) {
      // One token per request, shared by all its subgraph calls (they name the same operation).
      let token = tokens.get(context);
      if (!token) {
        token = signer.sign(context.principal, operationName);
        tokens.set(context, token);
      }
      return token;
    },
  };
}
