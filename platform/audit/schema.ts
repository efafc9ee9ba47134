import type { SqlDatabase } from '../database/index.ts';

/** Any constant works; it only keeps two processes from creating the tables at the same moment. */
const SCHEMA_LOCK_KEY = 4_242_001;

/**
 * Idempotent. Append-only is by convention and tamper-evidence: the embedded server's single
 * role owns the tables, so `verify()` is the protection there. On a production server, give
 * the application's role only SELECT, INSERT on audit_entry and audit_citizen (plus UPDATE on
 * audit_chain_head).
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS audit_entry (
    id UUID PRIMARY KEY,
    writer_id TEXT NOT NULL,
    seq BIGINT NOT NULL CHECK (seq > 0),
    at TIMESTAMPTZ NOT NULL,
    request_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    purpose TEXT,
    fields TEXT[] NOT NULL,
    operation_name TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ALLOWED', 'DENIED')),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    CONSTRAINT audit_entry_writer_seq UNIQUE (writer_id, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS audit_citizen (
    entry_id UUID NOT NULL REFERENCES audit_entry (id),
    nino TEXT NOT NULL,
    PRIMARY KEY (nino, entry_id)
  )`,
  // One entry per request records what it was served and, apart, what it was refused.
  "ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS denied_fields TEXT[] NOT NULL DEFAULT '{}'",
  // Searches are audited with their criteria as given: the audit is personal data itself, read only by auditors.
  'ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS criteria TEXT',
  // A partner disputing a check quotes its reference; `references` is an SQL keyword, hence the name.
  "ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS check_references TEXT[] NOT NULL DEFAULT '{}'",
  // A mutation's entry names the fields it changed, never the values.
  "ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS changed_fields TEXT[] NOT NULL DEFAULT '{}'",
  'CREATE INDEX IF NOT EXISTS audit_entry_check_references ON audit_entry USING GIN (check_references)',
  'CREATE INDEX IF NOT EXISTS audit_citizen_entry ON audit_citizen (entry_id)',
  'CREATE INDEX IF NOT EXISTS audit_entry_at ON audit_entry (at DESC, id DESC)',
  'CREATE INDEX IF NOT EXISTS audit_entry_subject ON audit_entry (subject, at DESC, id DESC)',
  // A citizen's access history shows one access per request, whichever subgraphs recorded it.
  'CREATE INDEX IF NOT EXISTS audit_entry_request ON audit_entry (request_id)',
  // Each writer's last seq and hash: shows a chain cut short at its end, or removed whole.
  `CREATE TABLE IF NOT EXISTS audit_chain_head (
    writer_id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
  )`,
];

export async function createAuditSchema(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    for (const statement of STATEMENTS) await tx.query(statement);
  });
}
