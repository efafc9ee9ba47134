/**
 * Who is signed in, as far as the page needs to know to lay itself out. The token is read,
 * not verified: the gateway verifies it on every request, and nothing here grants access.
 */

export interface Session {
  readonly token: string;
  readonly role?: string;
  /** A citizen's own NINO. */
  readonly nino?: string;
  readonly scopes: readonly string[];
}

export function sessionFromToken(token: string): Session {
  const trimmed = token.trim();
  try {
    const payload = JSON.parse(atob(trimmed.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown; nino?: unknown; scope?: unknown };
    return {
      token: trimmed,
      ...(typeof payload.role === 'string' ? { role: payload.role } : {}),
      ...(typeof payload.nino === 'string' ? { nino: payload.nino } : {}),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    };
  } catch {
    // Not a JWT we can read: the gateway will say what is wrong with it.
    return { token: trimmed, scopes: [] };
  }
}

/** Staff must say why they are looking; citizens looking at their own record need not. */
export function needsPurpose(session: Session): boolean {
  return session.role !== 'citizen';
}

/** Only analysts may read the schema (introspection); asking with any other token is refused. */
export function mayIntrospect(session: Session): boolean {
  return session.role === 'analyst';
}

/** Only the citizen may read who has looked at their record (an auditor searches the audit instead). */
export function mayReadAccessHistory(session: Session): boolean {
  return session.role === 'citizen';
}

export const NINO_SHAPE = /^[A-Z]{2}\s*\d{2}\s*\d{2}\s*\d{2}\s*[A-D]$/i;
