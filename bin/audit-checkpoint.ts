/**
 * Signs a checkpoint of every audit chain as it stands now, after verifying each chain and head:
 *   npm run audit:checkpoint
 * For chains written before checkpoints existed, or by writers that no longer run, which
 * `npm run audit:verify` otherwise reports as covered by no signed checkpoint. Signs nothing,
 * and exits 1, if any chain is broken. Needs the signing key (AUDIT_SIGNING_KEY_FILE; made
 * under DATA_DIR in development); uses DATABASE_URL, else the embedded server under DATA_DIR.
 */
import { checkpointExistingChains, checkpointWriting, formatVerifyReport } from '../platform/audit/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Logs go to stderr: stdout carries only the outcome.
  const logger = createLogger({ level: 'warn', name: 'audit-checkpoint', destination: process.stderr });
  const checkpoints = await checkpointWriting(config.audit.checkpoints, logger);
  const server = await resolveDatabaseUrl(config, logger);
  const db = openSqlDatabase(server.url);
  try {
    const { report, signed } = await checkpointExistingChains(db, checkpoints);
    if (!report.ok) {
      process.stdout.write(`${formatVerifyReport(report)}Nothing signed: a broken chain must be investigated, not anchored.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Signed a checkpoint of ${signed} chain${signed === 1 ? '' : 's'} into ${checkpoints.file}.\n`);
  } finally {
    await db.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:checkpoint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
