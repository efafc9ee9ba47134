import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessRecord } from './access-tracking.ts';

/** Where a subgraph puts its access report in every response's `extensions`. */
export const ACCESS_REPORT_EXTENSION = 'citizenAccess';

/** What one subgraph served and refused for one request: the gateway's audit entry is built from these. */
export interface AccessReport {
  readonly citizens: readonly string[];
  readonly fields: readonly string[];
  readonly deniedFields: readonly string[];
  readonly searches: ReadonlyArray<{ readonly field: string; readonly args: Readonly<Record<string, unknown>> }>;
  /** References of the partner checks answered. */
  readonly references: readonly string[];
  /** Names of the fields mutations changed, as `domain.field`; never the values. */
  readonly changedFields: readonly string[];
}

/**
 * Reports, in every response, which citizens and fields this subgraph served or refused. The
 * gateway, the only caller a subgraph answers, records one audit entry per request from the
 * reports of every subgraph it reached, before anything leaves for the caller; it treats a
 * response without a report as unaudited and withholds its data. Subgraphs still enforce every
 * access rule themselves: the report is bookkeeping, not a decision.
 */
export function accessReportPlugin(): ApolloServerPlugin<{ readonly access: AccessRecord }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { access } = contextValue;
          const report: AccessReport = { citizens: [...access.citizens], fields: [...access.fields], deniedFields: [...access.deniedFields], searches: access.searches, references: access.references, changedFields: [...access.changedFields] };
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [ACCESS_REPORT_EXTENSION]: report };
        },
      };
    },
  };
}
