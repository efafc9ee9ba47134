import type { Role } from './vocabulary.ts';

/** Who is asking, as established from a verified token, plus the purpose they declared. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly organisation: string;
  readonly scopes: ReadonlySet<string>;
  /** Present for citizens only: the record they own. Normalised (upper case, no spaces). */
  readonly nino?: string;
  /** The case reference from `x-purpose`, already validated by `parsePurpose`. */
  readonly purpose?: string;
  readonly requestId: string;
}

/** What a verified caller token establishes; the purpose arrives separately in a header. */
export type CallerPrincipal = Omit<Principal, 'purpose'>;

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scopes.has(scope);
}

export function withPurpose(principal: CallerPrincipal, purpose: string | undefined): Principal {
  return purpose === undefined ? { ...principal } : { ...principal, purpose };
}
