/**
 * Signs a checkpoint of every audit chain as it stands now, after verifying each chain and head:
 *   npm run audit:checkpoint
 * For chains written before checkpoints existed, or by writers that no longer run, which
 * `npm run audit:verify` otherwise reports as covered by no signed checkpoint. Signs nothing,
 * and exits 1, if any chain is broken. Needs the signing key (AUDIT_SIGNING_KEY_FILE; made
 * under DATA_DIR in development); uses DATABASE_URL, else the embedded server under DATA_DIR.
 */
import { checkpointExistingChains, checkpointWriting, formatVerifyReport } from '../platform/audit/index.ts';
import { runOperatorCommand, withSystemDatabase } from './operator-command.ts';

runOperatorCommand('audit:checkpoint', async (context) => {
  const checkpoints = await checkpointWriting(context.config.audit.checkpoints, context.logger);
  await withSystemDatabase(context, async (database) => {
    const { report, signed } = await checkpointExistingChains(database, checkpoints);
    if (!report.ok) {
      process.stdout.write(`${formatVerifyReport(report)}Nothing signed: a broken chain must be investigated, not anchored.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Signed a checkpoint of ${signed} chain${signed === 1 ? '' : 's'} into ${checkpoints.file}.\n`);
  });
});
