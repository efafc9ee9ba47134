import type { ApolloServerPlugin } from '@apollo/server';
import { sharedListenerPlugin } from '../platform/http/index.ts';
import type { AuditLog } from '../platform/audit/index.ts';
import { ACCESS_REPORT_EXTENSION, type AccessReport } from '../platform/subgraph/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import type { GatewayContext } from './caller-authentication.ts';
import { ninosNamedIn } from './admission.ts';

/** What one caller request was served and refused, gathered from every subgraph response it received. */
export interface RequestAccess {
  readonly citizens: Set<string>;
  readonly fields: Set<string>;
  readonly deniedFields: Set<string>;
  /** Root fields called with arguments, and the arguments as given. */
  readonly searches: Array<{ field: string; args: unknown }>;
  /** References of the partner checks answered, stored with the entry so a disputed check can be found. */
  readonly references: Set<string>;
  /** Names of the fields mutations changed; never the values. */
  readonly changedFields: Set<string>;
  /** Subgraphs that answered without an access report: their data cannot be audited, so it is withheld. */
  readonly unreported: Set<string>;
}

export function newRequestAccess(): RequestAccess {
  return { citizens: new Set(), fields: new Set(), deniedFields: new Set(), searches: [], references: new Set(), changedFields: new Set(), unreported: new Set() };
}

/** Folds one subgraph response's access report into its request's record. */
export function collectAccessReport(access: RequestAccess, subgraph: string, extensions: Record<string, unknown> | undefined): void {
  const report = extensions?.[ACCESS_REPORT_EXTENSION] as Partial<AccessReport> | undefined;
  if (!report || !Array.isArray(report.citizens) || !Array.isArray(report.fields) || !Array.isArray(report.deniedFields) || !Array.isArray(report.searches)) {
    access.unreported.add(subgraph);
    return;
  }
  for (const nino of report.citizens) access.citizens.add(String(nino));
  for (const field of report.fields) access.fields.add(String(field));
  for (const field of report.deniedFields) access.deniedFields.add(String(field));
  for (const search of report.searches) access.searches.push({ field: String(search?.field), args: search?.args ?? {} });
  // Optional: only the awards subgraph answers partner checks.
  if (Array.isArray(report.references)) for (const reference of report.references) access.references.add(String(reference));
  // Optional: only the changes subgraph changes anything.
  if (Array.isArray(report.changedFields)) for (const field of report.changedFields) access.changedFields.add(String(field));
}

/**
 * One audit entry per request, written by the gateway (the only door in) before the response
 * leaves: who, purpose, every citizen and `domain.field` every subgraph served, what was
 * refused, and the outcome. If the entry cannot be stored, or a subgraph answered without
 * saying what it served, the data is withheld (fail closed): the caller gets AUDIT_UNAVAILABLE.
 */
export function requestAuditPlugin(audit: AuditLog, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return sharedListenerPlugin<GatewayContext>({
    async didEncounterErrors({ errors, contextValue, request, operation }) {
      // Refused before it ran (a query limit, an invalid query): still an attempt on every citizen it named.
      if (operation) return;
      const named = ninosNamedIn(request);
      if (named.length === 0) return;
      for (const nino of named) contextValue.access.citizens.add(nino);
      for (const error of errors) contextValue.access.deniedFields.add(`gateway.${String(error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED')}`);
    },
    async willSendResponse({ response, contextValue, operationName }) {
      const { access, principal, requestId } = contextValue;
      const touched = access.citizens.size > 0 || access.deniedFields.size > 0 || access.searches.length > 0;
      if (!touched && access.unreported.size === 0) return;
      try {
        if (access.unreported.size > 0) throw new Error(`no access report from ${[...access.unreported].sort().join(', ')}`);
        await audit.record({
          requestId,
          subject: principal.subject,
          role: principal.role,
          organisation: principal.organisation,
          ...(principal.purpose ? { purpose: principal.purpose } : {}),
          citizens: [...access.citizens],
          fields: [...access.fields],
          deniedFields: [...access.deniedFields],
          ...(access.searches.length > 0 ? { searches: access.searches } : {}),
          ...(access.references.size > 0 ? { references: [...access.references] } : {}),
          ...(access.changedFields.size > 0 ? { changedFields: [...access.changedFields] } : {}),
          ...(operationName ? { operationName } : {}),
          outcome: access.fields.size > 0 ? 'ALLOWED' : 'DENIED',
        });
      } catch (error) {
        logger.error({ err: error, requestId }, 'request not audited; response withheld');
        if (response.body.kind === 'single') {
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [
            { message: 'The access audit is unavailable, so no citizen data was returned.', extensions: { code: 'AUDIT_UNAVAILABLE' } },
          ] as never;
        }
      }
    },
  });
}
