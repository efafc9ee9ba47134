import type { SqlQueryable } from '../../../platform/database/index.ts';
import type { ReviewTask } from '../domain.ts';

/** One task per change and citizen, so a repeated delivery adds nothing. */
export async function insertReviewTask(tx: SqlQueryable, task: ReviewTask): Promise<void> {
  await tx.query('INSERT INTO changes.review_task (id, nino, change_id, reason, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (change_id, nino) DO NOTHING', [
    task.id,
    task.nino,
    task.changeId,
    task.reason,
    task.createdAt,
  ]);
}

/** Each citizen's review tasks, newest first. */
export async function reviewTasksOf(db: SqlQueryable, ninos: readonly string[]): Promise<Map<string, ReviewTask[]>> {
  const { rows } = await db.query('SELECT id, nino, change_id, reason, created_at FROM changes.review_task WHERE nino = ANY($1::text[]) ORDER BY created_at DESC, id', [ninos]);
  const byNino = new Map<string, ReviewTask[]>(ninos.map((nino) => [nino, []]));
  for (const row of rows) {
    byNino.get(String(row.nino))?.push({
      id: String(row.id),
      nino: String(row.nino),
      changeId: String(row.change_id),
      reason: String(row.reason),
      createdAt: (row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at))).toISOString(),
    });
  }
  return byNino;
}
