import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import { readOrCreateSecretFile } from '../secrets/index.ts';

/**
 * The development gateway-to-subgraph secret: 32 random bytes (base64url) kept in
 * `<dataDir>/internal-token/secret`, made on first use. Gateway and subgraphs started from the
 * same data folder share it; production sets INTERNAL_TOKEN_SECRET instead.
 */
export async function loadOrCreateInternalTokenSecret(dataDir: string): Promise<string> {
  const content = await readOrCreateSecretFile(join(dataDir, 'internal-token', 'secret'), () => `${randomBytes(32).toString('base64url')}\n`);
  return content.trim();
}

/** The gateway-to-subgraph secret: configured in production, kept under DATA_DIR in development. */
export function internalTokenSecret(config: Pick<Config, 'auth' | 'dataDir'>): Promise<string> {
  return config.auth.internalTokenSecret ? Promise.resolve(config.auth.internalTokenSecret) : loadOrCreateInternalTokenSecret(config.dataDir);
}
