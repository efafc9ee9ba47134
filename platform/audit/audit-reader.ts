import { normaliseNino } from '../auth/index.ts';
import type { SqlQueryable } from '../database/index.ts';
import { decodeCursor, encodeCursor, pageSize } from './cursor.ts';
import { ENTRY_COLUMNS, rowToEntry } from './entry-rows.ts';
import { checkActor, checkReference, checkTimeRange } from './query-arguments.ts';
import type { AuditEntry, CitizenAccess, Page, PageRequest } from './types.ts';

/** Reads of the access audit, newest first and paged: an auditor's searches, and a citizen's own access history. */
export interface AuditReader {
  /** Every entry touching a citizen, newest first (auditors). */
  byCitizen(nino: string, page?: PageRequest): Promise<Page<AuditEntry>>;
  /** Who accessed a citizen's record: allowed accesses only, one per request, as organisation, role, when and purpose, newest first. */
  accessHistory(nino: string, page?: PageRequest): Promise<Page<CitizenAccess>>;
  /** Every entry by one subject, newest first (auditors). */
  byActor(subject: string, page?: PageRequest): Promise<Page<AuditEntry>>;
  /** The entry of the request that answered the partner check with this reference (auditors); empty when none. */
  byReference(reference: string, page?: PageRequest): Promise<Page<AuditEntry>>;
  /** Entries with `from <= at < to`, newest first (auditors). */
  byTimeRange(from: Date, to: Date, page?: PageRequest): Promise<Page<AuditEntry>>;
}

export function createAuditReader(db: SqlQueryable): AuditReader {
  async function page<T>(filter: string, params: readonly unknown[], request: PageRequest, map: (entry: AuditEntry) => T): Promise<Page<T>> {
    const limit = pageSize(request.first);
    const after = request.after === undefined ? undefined : decodeCursor(request.after);
    const n = params.length;
    const { rows } = await db.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entry e
       WHERE ${filter} AND ($${n + 1}::timestamptz IS NULL OR (e.at, e.id) < ($${n + 1}::timestamptz, $${n + 2}::uuid))
       ORDER BY e.at DESC, e.id DESC LIMIT $${n + 3}`,
      [...params, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const entries = rows.slice(0, limit).map(rowToEntry);
    const last = entries.at(-1);
    return {
      items: entries.map((entry) => map(toAuditEntry(entry))),
      hasNextPage: rows.length > limit,
      ...(last ? { endCursor: encodeCursor(last) } : {}),
    };
  }

  const touches = 'EXISTS (SELECT 1 FROM audit_citizen c WHERE c.entry_id = e.id AND c.nino = $1)';
  // A request has one entry, but a citizen is still shown one access per request whatever wrote it.
  const newestOfItsRequest = `NOT EXISTS (SELECT 1 FROM audit_entry later JOIN audit_citizen lc ON lc.entry_id = later.id AND lc.nino = $1
    WHERE later.request_id = e.request_id AND later.outcome = 'ALLOWED' AND (later.at, later.id) > (e.at, e.id))`;

  return {
    byCitizen: (nino, request = {}) => page(touches, [normaliseNino(nino)], request, (entry) => entry),
    accessHistory: (nino, request = {}) => page(`${touches} AND e.outcome = 'ALLOWED' AND ${newestOfItsRequest}`, [normaliseNino(nino)], request, toCitizenAccess),
    byActor: async (subject, request = {}) => {
      checkActor(subject);
      return page('e.subject = $1', [subject], request, (entry) => entry);
    },
    byReference: async (reference, request = {}) => {
      checkReference(reference);
      // References are issued in lower case; a partner may quote one in either.
      return page('e.check_references @> ARRAY[$1]::text[]', [reference.toLowerCase()], request, (entry) => entry);
    },
    byTimeRange: async (from, to, request = {}) => {
      checkTimeRange(from, to);
      return page('e.at >= $1 AND e.at < $2', [from, to], request, (entry) => entry);
    },
  };
}

/** Drops the chain columns an auditor's reading does not need. */
function toAuditEntry(entry: AuditEntry): AuditEntry {
  return {
    id: entry.id,
    writerId: entry.writerId,
    seq: entry.seq,
    at: entry.at,
    requestId: entry.requestId,
    subject: entry.subject,
    role: entry.role,
    organisation: entry.organisation,
    ...(entry.purpose !== undefined ? { purpose: entry.purpose } : {}),
    citizens: entry.citizens,
    fields: entry.fields,
    deniedFields: entry.deniedFields,
    ...(entry.criteria !== undefined ? { criteria: entry.criteria } : {}),
    references: entry.references,
    changedFields: entry.changedFields,
    ...(entry.operationName !== undefined ? { operationName: entry.operationName } : {}),
    outcome: entry.outcome,
  };
}

/** Explicit: a citizen never sees the actor's identity, the request or which other citizens it touched. */
function toCitizenAccess(entry: AuditEntry): CitizenAccess {
  return {
    organisation: entry.organisation,
    role: entry.role,
    at: entry.at,
    ...(entry.purpose !== undefined ? { purpose: entry.purpose } : {}),
  };
}
