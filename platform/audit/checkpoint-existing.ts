import { appendCheckpointLine, checkpointLine } from './checkpoint-file.ts';
import type { CheckpointOptions } from './checkpointer.ts';
import type { SqlQueryable } from '../database/index.ts';
import type { VerifyReport } from './types.ts';
import { verifyChains } from './verify.ts';

/**
 * Signs a checkpoint of every chain as it stands, but only once every chain and head verify:
 * for chains written before checkpoints existed, or by writers that no longer run and so will
 * never sign their own. Run once at upgrade (`npm run audit:checkpoint`); what it signs is
 * only as trustworthy as the database was at that moment.
 */
export async function checkpointExistingChains(
  db: SqlQueryable,
  checkpoints: Pick<CheckpointOptions, 'file' | 'signingKey'>,
  now: Date = new Date(),
): Promise<{ readonly report: VerifyReport; readonly signed: number }> {
  const report = await verifyChains(db);
  if (!report.ok) return { report, signed: 0 };
  const { rows } = await db.query<{ writer_id: string; seq: unknown; hash: string }>('SELECT writer_id, seq, hash FROM audit_chain_head ORDER BY writer_id');
  for (const head of rows) {
    await appendCheckpointLine(checkpoints.file, checkpointLine({ writerId: head.writer_id, seq: Number(head.seq), hash: head.hash, at: now }, checkpoints.signingKey));
  }
  return { report, signed: rows.length };
}
