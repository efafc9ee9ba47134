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
import { runOperatorCommand, withSystemDatabase } from './operator-command.ts';

runOperatorCommand(
  'audit:verify',
  async (context) => {
    // Before any server is started: without the public key there is nothing to verify against.
    const anchors = await checkpointVerifying(context.config.audit.checkpoints);
    await withSystemDatabase(context, async (database) => {
      const report = await (await createAuditLog({ database, writerId: 'audit-verify', anchors })).verify();
      process.stdout.write(formatVerifyReport(report));
      if (!report.ok) process.exitCode = 1;
    });
  },
  'audit:verify: could not verify the audit log: ',
);
