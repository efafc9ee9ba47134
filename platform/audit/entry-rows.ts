import type { ChainedEntry } from './chain.ts';
import type { AuditOutcome } from './types.ts';

/** Columns of an entry with its citizens folded in, for every read of `audit_entry e`. */
export const ENTRY_COLUMNS = `e.id, e.writer_id, e.seq, e.at, e.request_id, e.subject, e.role, e.organisation,
  e.purpose, e.fields, e.denied_fields, e.criteria, e.check_references, e.changed_fields, e.operation_name, e.outcome, e.prev_hash, e.hash,
  ARRAY(SELECT c.nino FROM audit_citizen c WHERE c.entry_id = e.id ORDER BY c.nino) AS citizens`;

export interface StoredEntry extends ChainedEntry {
  readonly hash: string;
}

/** Explicit mapping: pg returns BIGINT as a string; it becomes a number. */
export function rowToEntry(row: Record<string, unknown>): StoredEntry {
  return {
    id: String(row.id),
    writerId: String(row.writer_id),
    seq: Number(row.seq),
    at: row.at instanceof Date ? row.at : new Date(String(row.at)),
    requestId: String(row.request_id),
    subject: String(row.subject),
    role: String(row.role),
    organisation: String(row.organisation),
    ...(row.purpose != null ? { purpose: String(row.purpose) } : {}),
    citizens: stringArray(row.citizens),
    fields: stringArray(row.fields),
    deniedFields: stringArray(row.denied_fields),
    ...(row.criteria != null ? { criteria: String(row.criteria) } : {}),
    references: stringArray(row.check_references),
    changedFields: stringArray(row.changed_fields),
    ...(row.operation_name != null ? { operationName: String(row.operation_name) } : {}),
    outcome: String(row.outcome) as AuditOutcome,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
