import type { SqlDatabase } from '../../../platform/database/index.ts';

/** Any constant works; it only keeps two processes from migrating at the same moment. */
const SCHEMA_LOCK_KEY = 4_242_006;

/**
 * The change store, in a schema of its own. Idempotent: every process that writes or delivers
 * changes runs it at start. `details` holds what the legacy systems are sent (a new address,
 * contact details, a date of death); it is read only by the delivery worker, never served.
 */
const STATEMENTS = [
  'CREATE SCHEMA IF NOT EXISTS changes',
  `CREATE TABLE IF NOT EXISTS changes.change (
    id UUID PRIMARY KEY,
    seq BIGSERIAL NOT NULL UNIQUE,
    nino TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('address', 'contact', 'death')),
    effective_date DATE NOT NULL,
    details JSONB NOT NULL,
    restricted BOOLEAN NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    reported_by TEXT NOT NULL,
    reporter_role TEXT NOT NULL,
    purpose TEXT
  )`,
  'CREATE INDEX IF NOT EXISTS change_nino ON changes.change (nino, seq DESC)',
  `CREATE TABLE IF NOT EXISTS changes.delivery (
    id UUID PRIMARY KEY,
    change_id UUID NOT NULL REFERENCES changes.change (id),
    system TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'WAITING', 'DELIVERED', 'NOT_NEEDED', 'FAILED')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error_system TEXT,
    last_error_code TEXT,
    delivered_at TIMESTAMPTZ,
    CONSTRAINT delivery_change_system UNIQUE (change_id, system)
  )`,
  // What /metrics asks on every scrape: the deliveries not made yet.
  "CREATE INDEX IF NOT EXISTS delivery_open ON changes.delivery (system) WHERE status IN ('PENDING', 'WAITING')",
  `CREATE TABLE IF NOT EXISTS changes.idempotency_key (
    subject TEXT NOT NULL,
    key TEXT NOT NULL,
    operation TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    change_id UUID NOT NULL REFERENCES changes.change (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject, key)
  )`,
  'CREATE INDEX IF NOT EXISTS idempotency_key_created ON changes.idempotency_key (created_at)',
  `CREATE TABLE IF NOT EXISTS changes.review_task (
    id UUID PRIMARY KEY,
    nino TEXT NOT NULL,
    change_id UUID NOT NULL REFERENCES changes.change (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT review_task_change_nino UNIQUE (change_id, nino)
  )`,
  // The confirmation each change's citizen was sent, as Notify answered: the timeline reads it
  // here, so showing a timeline never spends the Notify key's rate limit that confirmations need.
  `CREATE TABLE IF NOT EXISTS changes.confirmation (
    change_id UUID PRIMARY KEY REFERENCES changes.change (id),
    notification_id TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    sent_at TIMESTAMPTZ NOT NULL
  )`,
];

export async function createChangeSchema(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    for (const statement of STATEMENTS) await tx.query(statement);
  });
}
