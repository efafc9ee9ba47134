/**
 * Verifies every hash chain in the access audit, and holds each to the checkpoints its writer
 * signed outside the database, and prints what is wrong, and where:
 *   npm run audit:verify
 * Exit status 0 when every chain is intact, 1 on any problem (or if the store or the
 * checkpoints' public key cannot be read). Uses DATABASE_URL when set, else the embedded server
 * under DATA_DIR: the one `npm start` runs, or one started for the check and stopped after.
 * AUDIT_CHECKPOINT_FILE and AUDIT_VERIFY_KEY (or AUDIT_VERIFY_KEY_FILE) locate the checkpoints
 * and their public key.
 */
import { checkpointVerifying, createAuditLog, formatVerifyReport } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Before any server is started: without the public key there is nothing to verify against.
  const anchors = await checkpointVerifying(config.audit.checkpoints);
  // Logs go to stderr: stdout carries only the report.
  const server = await resolveDatabaseUrl(config, createLogger({ level: 'warn', name: 'audit-verify', destination: process.stderr }));
  const database = openSqlDatabase(server.url);
  try {
    const log = await createAuditLog({ database, writerId: 'audit-verify', anchors });
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
