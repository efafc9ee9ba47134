import { EARLIEST_AUDIT_TIME, LATEST_AUDIT_TIME, type AuditEntry, type AuditReader, type CitizenAccess, type Page } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors/index.ts';

export interface AuditLogArgs {
  readonly citizen?: string | null;
  readonly actor?: string | null;
  readonly reference?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

function instant(value: string, name: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new AppError('INVALID_ARGUMENT', `${name} must be an ISO 8601 date-time.`);
  return date;
}

function pageRequest(args: { first?: number | null; after?: string | null }) {
  const first = args.first ?? 20;
  if (first < 1 || first > 100) throw new AppError('INVALID_ARGUMENT', 'first must be between 1 and 100.');
  return { first, ...(args.after ? { after: args.after } : {}) };
}

/** Reads of the access audit: a citizen's own history, and the auditor's searches. */
export function createAccessHistory(audit: AuditReader) {
  return {
    async forCitizen(nino: string, args: { first?: number | null; after?: string | null }) {
      const page: Page<CitizenAccess> = await audit.accessHistory(nino, pageRequest(args));
      return {
        accesses: page.items.map((access) => ({ organisation: access.organisation, role: access.role, at: access.at.toISOString(), purpose: access.purpose ?? null })),
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor ?? null,
      };
    },

    async search(args: AuditLogArgs) {
      const request = pageRequest(args);
      let page: Page<AuditEntry>;
      if (args.reference) page = await audit.byReference(args.reference, request);
      else if (args.citizen) page = await audit.byCitizen(args.citizen, request);
      else if (args.actor) page = await audit.byActor(args.actor, request);
      else if (args.from || args.to) {
        page = await audit.byTimeRange(args.from ? instant(args.from, 'from') : EARLIEST_AUDIT_TIME, args.to ? instant(args.to, 'to') : LATEST_AUDIT_TIME, request);
      } else throw new AppError('INVALID_ARGUMENT', 'Filter the audit log by check reference, citizen, actor, or a time range.');
      return {
        entries: page.items.map((entry) => ({
          id: entry.id,
          writer: entry.writerId,
          sequence: entry.seq,
          at: entry.at.toISOString(),
          requestId: entry.requestId,
          actor: entry.subject,
          role: entry.role,
          organisation: entry.organisation,
          purpose: entry.purpose ?? null,
          citizens: entry.citizens,
          fields: entry.fields,
          deniedFields: entry.deniedFields,
          criteria: entry.criteria ?? null,
          references: entry.references,
          changedFields: entry.changedFields,
          operationName: entry.operationName ?? null,
          outcome: entry.outcome,
        })),
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor ?? null,
      };
    },
  };
}
