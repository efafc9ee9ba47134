import type { SqlQueryable } from '../../../platform/database/index.ts';

/** The first request made with a key: what it asked (as a hash) and the change it made. */
export interface IdempotencyRecord {
  readonly operation: string;
  readonly inputHash: string;
  readonly changeId: string;
}

/** Keys are scoped to the caller: two callers' equal keys never meet. */
export async function findKey(db: SqlQueryable, subject: string, key: string): Promise<IdempotencyRecord | undefined> {
  const { rows } = await db.query('SELECT operation, input_hash, change_id FROM changes.idempotency_key WHERE subject = $1 AND key = $2', [subject, key]);
  const row = rows[0];
  return row ? { operation: String(row.operation), inputHash: String(row.input_hash), changeId: String(row.change_id) } : undefined;
}

/** Holds the key until the transaction ends, so two concurrent requests with it are made one after the other. */
export async function lockKey(tx: SqlQueryable, subject: string, key: string): Promise<void> {
  // Two-key form: the subject and the key hashed apart, so no separator can make two pairs collide by construction.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [subject, key]);
}

export async function insertKey(tx: SqlQueryable, subject: string, key: string, record: IdempotencyRecord, at: Date): Promise<void> {
  await tx.query('INSERT INTO changes.idempotency_key (subject, key, operation, input_hash, change_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    subject,
    key,
    record.operation,
    record.inputHash,
    record.changeId,
    at,
  ]);
}

/** Forgets keys older than the retention; returns how many. */
export async function deleteExpiredKeys(db: SqlQueryable, retentionHours: number): Promise<number> {
  const { rows } = await db.query("DELETE FROM changes.idempotency_key WHERE created_at < now() - make_interval(hours => $1) RETURNING 1", [retentionHours]);
  return rows.length;
}
