import { isNino } from '../platform/domain/index.ts';
import { AppError } from '../platform/errors/index.ts';
import { normaliseNino, requirePurpose } from '../platform/auth/index.ts';
import type { AuditLog } from '../platform/audit/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import type { GatewayContext } from './caller-authentication.ts';
import { resolvePersistedOperation, type PersistedOperation } from './persisted-operations.ts';

/** NINOs a refused request named, in its variables or as string literals in its query. */
export function ninosNamedIn(body: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (isNino(value)) found.add(normaliseNino(value));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  const request = (body ?? {}) as { query?: unknown; variables?: unknown };
  visit(request.variables);
  if (typeof request.query === 'string') for (const [, literal] of request.query.matchAll(/"([^"\\]{8,20})"/g)) visit(literal);
  return [...found];
}

/**
 * Decides, once the caller is known and before any planning, whether the request may go on:
 * staff must declare a purpose, partners must name a persisted operation. A refusal is
 * audited as a denied attempt on the citizens the request named, then returned to the caller.
 */
export function createAdmission(options: { manifest: ReadonlyMap<string, PersistedOperation>; audit: AuditLog; logger: Logger }) {
  return async (context: GatewayContext, body: unknown): Promise<unknown> => {
    try {
      // An analyst may explore the schema without a purpose; the subgraphs' policies still
      // refuse them citizen data without one.
      if (context.principal.role !== 'analyst') requirePurpose(context.principal);
      return resolvePersistedOperation(options.manifest, context.principal, body);
    } catch (error) {
      if (error instanceof AppError) await recordRefusal(options, context, body, error);
      throw error;
    }
  };
}

/** Audits a request refused before it reached any subgraph as a denied attempt on the citizens it named; never throws. */
export async function recordRefusal(options: { audit: AuditLog; logger: Logger }, context: GatewayContext, body: unknown, error: AppError): Promise<void> {
  const { principal } = context;
  const operationName = operationNameOf(body);
  try {
    await options.audit.record({
      requestId: context.requestId,
      subject: principal.subject,
      role: principal.role,
      organisation: principal.organisation,
      ...(principal.purpose ? { purpose: principal.purpose } : {}),
      citizens: ninosNamedIn(body),
      fields: [],
      deniedFields: [`gateway.${error.code}`],
      ...(operationName ? { operationName } : {}),
      outcome: 'DENIED',
    });
  } catch (auditError) {
    // The request is refused either way and nothing was disclosed; the failure is for operators.
    options.logger.error({ err: auditError, requestId: context.requestId }, 'could not audit a refused request');
  }
}

/** The operation name the caller gave, or the first one their query declares (without parsing a refused query). */
function operationNameOf(body: unknown): string | undefined {
  const request = (body ?? {}) as { operationName?: unknown; query?: unknown };
  const declared = typeof request.query === 'string' ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})/.exec(request.query)?.[1] : undefined;
  const given = typeof request.operationName === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(request.operationName) ? request.operationName : undefined;
  return given ?? declared;
}
