import type { IncomingMessage } from 'node:http';
import { isRole, type DevIssuer } from '../platform/auth/index.ts';
import type { RouteHandler } from '../platform/http/index.ts';

/** A mint request is a handful of short fields. */
const MAX_BODY_BYTES = 2_000;

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > MAX_BODY_BYTES) throw new Error('The sign-in request is too large.');
  }
  return JSON.parse(text) as unknown;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * `POST /dev-issuer/token` with `{"role", "nino"?, "scopes"?, "org"?}`: a development token,
 * as `npm run token` mints, so the explorer and the workspace can sign a developer in. Only in
 * development with the built-in issuer (the gateway adds it only then). It insists on a JSON
 * body, which a cross-site form cannot send without a preflight this server never answers.
 */
export function devSignInRoute(issuer: DevIssuer): Record<string, RouteHandler> {
  return {
    'POST /dev-issuer/token': async (request, response) => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        response.end(JSON.stringify(body));
      };
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return answer(415, { error: 'Send the sign-in request as application/json.' });
      try {
        const body = (await readJson(request)) as Record<string, unknown>;
        if (!isRole(body.role)) return answer(400, { error: 'Choose a role: agent, citizen, partner, analyst or auditor.' });
        const nino = optionalString(body.nino);
        const org = optionalString(body.org);
        const scopes = Array.isArray(body.scopes) ? body.scopes.filter((scope): scope is string => typeof scope === 'string') : [];
        const token = await issuer.mint({ role: body.role, ...(nino ? { nino } : {}), ...(org ? { org } : {}), ...(scopes.length ? { scopes } : {}) });
        answer(200, { token });
      } catch (error) {
        // The issuer's reasons name options, never anything secret ("A citizen token needs --nino").
        answer(400, { error: error instanceof Error ? error.message : 'The sign-in request is not valid.' });
      }
    },
  };
}
