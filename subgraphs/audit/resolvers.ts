import type { AuditReader } from '../../platform/audit/index.ts';
import { citizenByKey, citizenRootResolvers } from '../../platform/subgraph/index.ts';
import { createAccessHistory, type AuditLogArgs } from './access-history.ts';

/** Thin: the audit's reads and their page rules live in access-history.ts. */
export function createResolvers(audit: AuditReader) {
  const history = createAccessHistory(audit);
  return {
    Query: {
      ...citizenRootResolvers(),
      auditLog: (_: unknown, args: AuditLogArgs) => history.search(args),
    },
    Citizen: {
      // Whether the citizen exists is identity's to say; this subgraph only reads the audit by NINO.
      __resolveReference: citizenByKey,
      accessHistory: (citizen: { nino: string }, args: { first?: number | null; after?: string | null }) => history.forCitizen(citizen.nino, args),
    },
  };
}
