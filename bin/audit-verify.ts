/**
 * Verifies every hash chain in the access audit, and holds each to the checkpoints its writer
 * signed outside the database, and prints what is wrong, and where:
 *   npm run audit:verify
 * Exit status 0 when every chain is intact, 1 on any problem (or if the store or the
 * checkpoints' public key cannot be read). Uses DATABASE_URL when set, else the embedded store under
 * DATA_DIR (stop the server first: only one process may open it); AUDIT_CHECKPOINT_FILE and
 * AUDIT_VERIFY_KEY (or AUDIT_VERIFY_KEY_FILE) locate the checkpoints and their public key.
 */
import { checkpointVerifying, createAuditLog, formatVerifyReport } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const anchors = await checkpointVerifying(config.audit.checkpoints);
  const log = await createAuditLog({
    ...(config.audit.databaseUrl ? { databaseUrl: config.audit.databaseUrl } : {}),
    dataDir: config.dataDir,
    writerId: 'audit-verify',
    anchors,
  });
  try {
    const report = await log.verify();
    process.stdout.write(formatVerifyReport(report));
    if (!report.ok) process.exitCode = 1;
  } finally {
    await log.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify: could not verify the audit log: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
