import { loadConfig, type Config } from '../platform/config/index.ts';
import { openSqlDatabase, resolveDatabaseUrl, type SqlDatabase } from '../platform/database/index.ts';
import { createLogger, type Logger } from '../platform/logging/index.ts';

export interface OperatorContext {
  readonly config: Config;
  /** Writes to stderr: an operator command's stdout carries only its output. */
  readonly logger: Logger;
}

/**
 * Runs an operator command (`npm run audit:...`): config from the environment, logs to
 * stderr, and any failure as one line `<name>: <reason>` with exit status 1, never a stack.
 */
export function runOperatorCommand(name: string, command: (context: OperatorContext) => Promise<void>, failurePrefix = `${name}: `): void {
  const run = async () => {
    const config = loadConfig(process.env);
    await command({ config, logger: createLogger({ level: 'warn', name, destination: process.stderr }) });
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${failurePrefix}${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Opens the system's database for one command: DATABASE_URL when set, else the embedded
 * server under DATA_DIR (the one `npm start` runs, or one started for this command and
 * stopped after), and closes it whatever `use` does.
 */
export async function withSystemDatabase<T>({ config, logger }: OperatorContext, use: (database: SqlDatabase) => Promise<T>): Promise<T> {
  const server = await resolveDatabaseUrl(config, logger);
  const database = openSqlDatabase(server.url);
  try {
    return await use(database);
  } finally {
    await database.close();
    await server.close();
  }
}
