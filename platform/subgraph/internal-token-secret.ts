import { loadOrCreateInternalTokenSecret } from '../auth/index.ts';
import type { Config } from '../config/index.ts';

/** The gateway-to-subgraph secret: configured in production, kept under DATA_DIR in development. */
export function internalTokenSecret(config: Config): Promise<string> {
  return config.auth.internalTokenSecret ? Promise.resolve(config.auth.internalTokenSecret) : loadOrCreateInternalTokenSecret(config.dataDir);
}
