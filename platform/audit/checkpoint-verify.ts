import type { KeyObject } from 'node:crypto';
import { readCheckpointFile, type Checkpoint } from './checkpoint-file.ts';
import type { SqlQueryable } from '../database/index.ts';
import type { VerifyProblem } from './types.ts';

/** Where `verify()` finds the signed checkpoints, and the public key they must verify under. */
export interface CheckpointAnchors {
  readonly file: string;
  readonly publicKey: KeyObject;
}

export interface ReadAnchors {
  /** Each writer's checkpoints whose signatures hold, in file order. */
  readonly byWriter: ReadonlyMap<string, readonly Checkpoint[]>;
  readonly count: number;
}

/** Reads the checkpoint file, naming each line that is not a validly signed checkpoint (and the file itself if it is gone). */
export async function readAnchors(anchors: CheckpointAnchors, problems: VerifyProblem[]): Promise<ReadAnchors> {
  const lines = await readCheckpointFile(anchors.file, anchors.publicKey);
  const byWriter = new Map<string, Checkpoint[]>();
  if (lines === undefined) {
    problems.push({ problem: `the checkpoint file ${anchors.file} does not exist (deleted, or the wrong AUDIT_CHECKPOINT_FILE)` });
    return { byWriter, count: 0 };
  }
  let count = 0;
  for (const read of lines) {
    if ('problem' in read) {
      problems.push({ ...(read.writerId !== undefined ? { writerId: read.writerId } : {}), checkpointLine: read.line, problem: read.problem });
      continue;
    }
    const list = byWriter.get(read.checkpoint.writerId) ?? [];
    list.push(read.checkpoint);
    byWriter.set(read.checkpoint.writerId, list);
    count += 1;
  }
  return { byWriter, count };
}

/**
 * Holds one chain to what its writer signed: the chain must reach every checkpointed seq, and
 * the entry there must have the checkpointed hash. That catches what the chain and head
 * cannot, because they live in the same database as the attacker: entries cut from the end
 * with the head rewritten to match, and a chain altered and re-hashed from some entry onward.
 * Every checkpoint is checked, not only the newest, so a chain rewritten below a later
 * checkpoint (say, while its writer was stopped) is caught by an earlier one.
 * Returns how many entries no checkpoint covers yet.
 */
export async function checkAgainstCheckpoints(
  db: SqlQueryable,
  writerId: string,
  lastSeq: number,
  checkpoints: readonly Checkpoint[],
  problems: VerifyProblem[],
): Promise<number> {
  if (checkpoints.length === 0) {
    if (lastSeq > 0) problems.push({ writerId, problem: 'no signed checkpoint covers this chain (checkpoint lines removed, or the whole chain inserted)' });
    return lastSeq;
  }
  const newest = checkpoints.reduce((best, checkpoint) => (checkpoint.seq > best.seq ? checkpoint : best));
  if (newest.seq > lastSeq) {
    problems.push({
      writerId,
      seq: lastSeq,
      problem: `chain ends at seq ${lastSeq} but a checkpoint signed at ${newest.at.toISOString()} covers seq ${newest.seq} (entries deleted from the end)`,
    });
  }
  const bySeq = [...checkpoints].filter((checkpoint) => checkpoint.seq > 0 && checkpoint.seq <= lastSeq).sort((a, b) => a.seq - b.seq);
  const { rows } = await db.query<{ seq: unknown; hash: string; id: string }>(
    'SELECT seq, hash, id FROM audit_entry WHERE writer_id = $1 AND seq = ANY($2::bigint[])',
    [writerId, [...new Set(bySeq.map((checkpoint) => checkpoint.seq))]],
  );
  const stored = new Map(rows.map((row) => [Number(row.seq), row]));
  // The lowest break is where the rewrite begins; every checkpoint above it breaks too, and says nothing more.
  const broken = bySeq.find((checkpoint) => stored.get(checkpoint.seq)?.hash !== checkpoint.hash);
  if (broken) {
    const entry = stored.get(broken.seq);
    problems.push({
      writerId,
      seq: broken.seq,
      ...(entry ? { entryId: entry.id } : {}),
      problem: entry
        ? `hash differs from the one signed in the checkpoint of ${broken.at.toISOString()} (chain altered and re-hashed at or before this entry)`
        : `entry signed in the checkpoint of ${broken.at.toISOString()} is missing (deleted)`,
    });
  }
  return Math.max(0, lastSeq - newest.seq);
}
