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

/** The parts of a citizen's record only some callers may read: a page asks for each only when its caller may have it. */
export interface RestrictedParts {
  /** Who has looked at the record: the citizen only (an auditor searches the audit instead). */
  readonly accessHistory: boolean;
  /** Their changes of circumstances and timeline: the citizen or a caseworker, never an analyst. */
  readonly story: boolean;
  /** The reviews a change to someone else's record calls for: caseworkers only. */
  readonly reviews: boolean;
}

export function restrictedPartsFor(session: Session): RestrictedParts {
  return { accessHistory: session.role === 'citizen', story: session.role === 'citizen' || session.role === 'agent', reviews: session.role === 'agent' };
}

export const NINO_SHAPE = /^[A-Z]{2}\s*\d{2}\s*\d{2}\s*\d{2}\s*[A-D]$/i;
