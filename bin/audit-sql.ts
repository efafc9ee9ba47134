/**
 * Runs one SQL statement against the access audit's database and prints the rows as JSON:
 *   npm run --silent audit:sql -- "SELECT writer_id, seq, purpose FROM audit_entry ORDER BY at DESC LIMIT 5"
 * For operators without psql. Uses DATABASE_URL when set, else the embedded server under
 * DATA_DIR: the one `npm start` runs, or one started for this statement and stopped after.
 * Anything it changes is exactly what `npm run audit:verify` exists to catch.
 */
import { loadConfig } from '../platform/config/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

async function main(): Promise<void> {
  const sql = process.argv[2];
  if (!sql) throw new Error('usage: audit:sql -- "<one SQL statement>"');
  const config = loadConfig(process.env);
  // Logs go to stderr: stdout carries only the rows.
  const server = await resolveDatabaseUrl(config, createLogger({ level: 'warn', name: 'audit-sql', destination: process.stderr }));
  const db = openSqlDatabase(server.url);
  try {
    const { rows } = await db.query(sql);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } finally {
    await db.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:sql: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
