import { entryHash, GENESIS_HASH } from './chain.ts';
import type { SqlQueryable } from '../database/index.ts';
import { checkAgainstCheckpoints, readAnchors, type CheckpointAnchors } from './checkpoint-verify.ts';
import { ENTRY_COLUMNS, rowToEntry, type StoredEntry } from './entry-rows.ts';
import type { VerifyProblem, VerifyReport } from './types.ts';

const BATCH = 1000;

/**
 * Walks every writer's chain in sequence order and names each break: an entry whose content
 * no longer matches its hash (altered, or moved to another position), a gap in the sequence
 * (deleted), an entry that does not follow its predecessor (inserted or reordered), and a
 * chain whose end disagrees with its recorded head (cut short, appended to, or unheaded).
 * With `anchors`, each chain is also held to the checkpoints its writer signed outside the
 * database, which someone able to write the database cannot forge.
 */
export async function verifyChains(db: SqlQueryable, anchors?: CheckpointAnchors): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const signed = anchors ? await readAnchors(anchors, problems) : undefined;
  const stored = await db.query<{ writer_id: string }>('SELECT writer_id FROM audit_entry UNION SELECT writer_id FROM audit_chain_head');
  // A writer known only from its checkpoints is a chain deleted whole, head and all.
  const writers = [...new Set([...stored.rows.map((row) => row.writer_id), ...(signed?.byWriter.keys() ?? [])])].sort();
  let entries = 0;
  let uncoveredEntries = 0;
  for (const writerId of writers) {
    const walked = await walkChain(db, writerId, problems);
    entries += walked.count;
    await checkHead(db, writerId, walked.last, problems);
    if (signed) uncoveredEntries += await checkAgainstCheckpoints(db, writerId, walked.last?.seq ?? 0, signed.byWriter.get(writerId) ?? [], problems);
  }
  return {
    ok: problems.length === 0,
    chains: writers.length,
    entries,
    ...(signed ? { checkpoints: { signed: signed.count, uncoveredEntries } } : {}),
    problems,
  };
}

async function walkChain(db: SqlQueryable, writerId: string, problems: VerifyProblem[]): Promise<{ count: number; last?: StoredEntry }> {
  let previous: StoredEntry | undefined;
  let count = 0;
  for (;;) {
    const { rows } = await db.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entry e WHERE e.writer_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT ${BATCH}`,
      [writerId, previous?.seq ?? 0],
    );
    for (const entry of rows.map(rowToEntry)) {
      checkEntry(entry, previous, problems);
      previous = entry;
      count += 1;
    }
    if (rows.length < BATCH) return previous ? { count, last: previous } : { count };
  }
}

function checkEntry(entry: StoredEntry, previous: StoredEntry | undefined, problems: VerifyProblem[]): void {
  const at = { writerId: entry.writerId, seq: entry.seq, entryId: entry.id };
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (entry.seq > expectedSeq) {
    const missing = entry.seq - 1 === expectedSeq ? `seq ${expectedSeq} is` : `seq ${expectedSeq}-${entry.seq - 1} are`;
    problems.push({ ...at, problem: `entries before this one are missing: ${missing} gone (deleted)` });
  } else if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    problems.push({ ...at, problem: 'prev_hash does not match the entry before it (entry inserted, or entries reordered)' });
  }
  if (entryHash(entry) !== entry.hash) {
    problems.push({ ...at, problem: 'content does not match its hash (entry altered, or moved to another position)' });
  }
}

async function checkHead(db: SqlQueryable, writerId: string, last: StoredEntry | undefined, problems: VerifyProblem[]): Promise<void> {
  const { rows } = await db.query<{ seq: unknown; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE writer_id = $1', [writerId]);
  const head = rows[0];
  if (!head) {
    problems.push({ writerId, problem: 'chain has no head record (head deleted, or a whole chain inserted)' });
  } else if (!last) {
    problems.push({ writerId, seq: Number(head.seq), problem: `head records seq ${String(head.seq)} but the chain has no entries (deleted)` });
  } else if (Number(head.seq) !== last.seq) {
    problems.push({
      writerId,
      seq: last.seq,
      entryId: last.id,
      problem: `chain ends at seq ${last.seq} but its head records seq ${String(head.seq)} (entries deleted from or added to the end)`,
    });
  } else if (head.hash !== last.hash) {
    problems.push({ writerId, seq: last.seq, entryId: last.id, problem: 'last entry\'s hash differs from the one its head records (last entry replaced)' });
  }
}
