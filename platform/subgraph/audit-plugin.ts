import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import type { Logger } from '../logging/index.ts';
import type { AccessRecord } from './access-tracking.ts';

interface AuditedContext {
  readonly requestId: string;
  readonly principal: Principal;
  readonly operationName?: string;
  readonly access: AccessRecord;
}

/**
 * Records every request that touched citizen data, allowed or refused, before the response
 * leaves. If the entry cannot be stored the data is withheld (fail closed): the caller gets
 * AUDIT_UNAVAILABLE and nothing else.
 */
export function auditPlugin(audit: AuditLog, logger: Logger): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          // The caller's operation name from the gateway's token, not the planner's name for this subgraph's part.
          const { access, principal, operationName } = contextValue;
          if (access.citizens.size === 0 && !access.denied) return;
          try {
            await audit.record({
              requestId: contextValue.requestId,
              subject: principal.subject,
              role: principal.role,
              organisation: principal.organisation,
              ...(principal.purpose ? { purpose: principal.purpose } : {}),
              citizens: [...access.citizens],
              fields: [...access.fields].sort(),
              ...(operationName ? { operationName } : {}),
              outcome: access.denied ? 'DENIED' : 'ALLOWED',
            });
          } catch (error) {
            logger.error({ err: error, requestId: contextValue.requestId }, 'audit write failed; response withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                { message: 'The access audit is unavailable, so no citizen data was returned.', extensions: { code: 'AUDIT_UNAVAILABLE' } },
              ] as never;
            }
          }
        },
      };
    },
  };
}
