/**
 * Prints a development token, and only the token, to stdout:
 *   npm run --silent token -- --role agent [--nino N] [--scope S]... [--org O] [--sub S] [--ttl SECONDS]
 * Signed by the built-in development issuer under DATA_DIR (its key is made on first use).
 */
import { parseArgs } from 'node:util';
import { createDevIssuer, isRole } from '../platform/auth/index.ts';
import { loadConfig } from '../platform/config/index.ts';

const USAGE = 'usage: token --role <agent|citizen|partner|analyst|auditor> [--nino N] [--scope S]... [--org O] [--sub S] [--ttl SECONDS]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      nino: { type: 'string' },
      scope: { type: 'string', multiple: true },
      org: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (!isRole(values.role)) throw new Error(USAGE);
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  const config = loadConfig(process.env);
  if (config.auth.jwksUrl) throw new Error('AUTH_JWKS_URL is set: tokens come from that issuer, not the development one');
  const issuer = await createDevIssuer({ dataDir: config.dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
  const token = await issuer.mint({
    role: values.role,
    ...(values.nino !== undefined ? { nino: values.nino } : {}),
    ...(values.scope !== undefined ? { scopes: values.scope } : {}),
    ...(values.org !== undefined ? { org: values.org } : {}),
    ...(values.sub !== undefined ? { subject: values.sub } : {}),
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
