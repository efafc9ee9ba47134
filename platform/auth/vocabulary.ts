/**
 * The fixed vocabulary of roles and scopes a caller's token may carry. Policies, the
 * development issuer and the SDL scope check all read these constants, so a typo in any of
 * them fails type-checking or startup rather than silently granting or denying access.
 */

export const ROLES = ['agent', 'citizen', 'partner', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The eligibility checks a partner may be granted, each as the scope `check:<name>`. */
export const PARTNER_CHECKS = [
  'prescription-exemption',
  'free-school-meals',
  'healthy-start',
  'vehicle-tax',
  'tax-free-childcare',
  'right-to-reside',
] as const;
export type CheckName = (typeof PARTNER_CHECKS)[number];
export type CheckScope = `check:${CheckName}`;

export const SCOPES = {
  /** Read the single view of a citizen (caseworkers, analysts). */
  citizenRead: 'citizen:read',
  /** See bank account numbers unmasked. */
  bankFull: 'bank:full',
  /** See the address and contact details of a restricted record. */
  recordsRestricted: 'records:restricted',
  /** Query the access audit (auditors). */
  auditRead: 'audit:read',
  /** Read one's own record (citizens). */
  citizenSelf: 'citizen:self',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES] | CheckScope;

export function checkScope(check: CheckName): CheckScope {
  return `check:${check}`;
}

export const ALL_SCOPES: readonly Scope[] = [...Object.values(SCOPES), ...PARTNER_CHECKS.map(checkScope)];

/** Scopes the development issuer grants a role when none are named; partners get no check by default. */
export const DEFAULT_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  agent: [SCOPES.citizenRead],
  analyst: [SCOPES.citizenRead],
  citizen: [SCOPES.citizenSelf],
  auditor: [SCOPES.auditRead],
  partner: [],
};

/** Roles whose every read of citizen data must declare a purpose (a case reference). */
export const ROLES_REQUIRING_PURPOSE: readonly Role[] = ['agent', 'analyst'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}

export function isCheckName(value: unknown): value is CheckName {
  return typeof value === 'string' && (PARTNER_CHECKS as readonly string[]).includes(value);
}
