/**
 * Verifies every hash chain in the access audit and prints what is wrong, and where:
 *   npm run audit:verify
 * Exit status 0 when every chain is intact, 1 on any problem (or if the store cannot be read).
 * Uses DATABASE_URL when set, else the embedded store under DATA_DIR (stop the server first:
 * only one process may open it).
 */
import { createAuditLog, formatVerifyReport } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = await createAuditLog({
    ...(config.audit.databaseUrl ? { databaseUrl: config.audit.databaseUrl } : {}),
    dataDir: config.dataDir,
    writerId: 'audit-verify',
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
