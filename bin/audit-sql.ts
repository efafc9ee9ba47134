/**
 * Runs one SQL statement against the access audit store and prints the rows as JSON:
 *   npm run --silent audit:sql -- "SELECT writer_id, seq, purpose FROM audit_entry ORDER BY at DESC LIMIT 5"
 * For operators: the embedded store has no psql of its own. Uses DATABASE_URL when set, else
 * the embedded store under DATA_DIR (stop the server first: only one process may open it).
 * Anything it changes is exactly what `npm run audit:verify` exists to catch.
 */
import { openAuditDatabase } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';

async function main(): Promise<void> {
  const sql = process.argv[2];
  if (!sql) throw new Error('usage: audit:sql -- "<one SQL statement>"');
  const config = loadConfig(process.env);
  const db = await openAuditDatabase({ ...(config.audit.databaseUrl ? { databaseUrl: config.audit.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    const { rows } = await db.query(sql);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:sql: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
