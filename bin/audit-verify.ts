/**
 * Verifies every hash chain in the access audit and prints what is wrong, and where:
 *   npm run audit:verify
 * Exit status 0 when every chain is intact, 1 on any problem (or if the store cannot be read).
 * Uses DATABASE_URL when set, else the embedded server under DATA_DIR: the one `npm start`
 * runs, or one started for the check and stopped after.
 */
import { createAuditLog, formatVerifyReport } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Logs go to stderr: stdout carries only the report.
  const server = await resolveDatabaseUrl(config, createLogger({ level: 'warn', name: 'audit-verify', destination: process.stderr }));
  const database = openSqlDatabase(server.url);
  try {
    const log = await createAuditLog({ database, writerId: 'audit-verify' });
    const report = await log.verify();
    process.stdout.write(formatVerifyReport(report));
    if (!report.ok) process.exitCode = 1;
  } finally {
    await database.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify: could not verify the audit log: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
