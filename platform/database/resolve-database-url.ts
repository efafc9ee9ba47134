import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { openEmbeddedPostgres } from './embedded-postgres.ts';

/** Where the system's PostgreSQL is, and how to let go of it. */
export interface DatabaseServer extends AsyncDisposable {
  readonly url: string;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  close(): Promise<void>;
}

/**
 * `DATABASE_URL` when set (production: a server someone else runs); otherwise the embedded
 * server under DATA_DIR, attached to if another process of the system already runs it.
 */
export async function resolveDatabaseUrl(config: Config, logger: Logger): Promise<DatabaseServer> {
  if (config.database.url) {
    const close = async () => {};
    return { url: config.database.url, close, [Symbol.asyncDispose]: close };
  }
  return openEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, timeoutMs: config.database.embeddedTimeoutMs, logger });
}
