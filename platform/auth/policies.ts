import { ValidationError } from '../errors/index.ts';
import { normaliseNino } from './nino.ts';
import type { Principal } from './principal.ts';
import { isCheckName, ROLES_REQUIRING_PURPOSE, SCOPES, checkScope } from './vocabulary.ts';

/**
 * Every row-level access rule, in one place. Pure functions of the principal (and the row's
 * key), so each rule is unit-tested by table and resolvers only ask, never decide.
 */

/** Staff need citizen:read and a declared purpose; a citizen only their own record; partners and auditors never. */
export function canReadCitizen(principal: Principal, nino: string): boolean {
  switch (principal.role) {
    case 'agent':
    case 'analyst':
      return principal.scopes.has(SCOPES.citizenRead) && principal.purpose !== undefined;
    case 'citizen':
      return isOwnRecord(principal, nino);
    case 'partner':
    case 'auditor':
      return false;
  }
}

/**
 * Who may report a change of circumstances (an address, contact details) for this citizen: a
 * caseworker with a declared purpose, or the citizen for their own record. Never partners,
 * analysts (who read, never write) or auditors.
 */
export function canReportChange(principal: Principal, nino: string): boolean {
  return principal.role !== 'analyst' && canReadCitizen(principal, nino);
}

/** A caseworker with a declared purpose: the only one who reports a death or sees the reviews a change calls for. */
export function isCaseworkerOnCase(principal: Principal): boolean {
  return principal.role === 'agent' && principal.scopes.has(SCOPES.citizenRead) && principal.purpose !== undefined;
}

/** Account numbers show only their last four digits unless the caller holds bank:full. */
export function mustMaskAccountNumber(principal: Principal): boolean {
  return !principal.scopes.has(SCOPES.bankFull);
}

/** A restricted record's address and contact details need records:restricted. */
export function canSeeRestricted(principal: Principal): boolean {
  return principal.scopes.has(SCOPES.recordsRestricted);
}

/** Only a partner, and only for the checks its token names. */
export function canRunCheck(principal: Principal, checkName: string): boolean {
  return principal.role === 'partner' && isCheckName(checkName) && principal.scopes.has(checkScope(checkName));
}

/** Who accessed a record: the citizen for their own, an auditor for anyone's. */
export function canReadAuditFor(principal: Principal, nino: string): boolean {
  if (principal.role === 'auditor') return principal.scopes.has(SCOPES.auditRead);
  return principal.role === 'citizen' && isOwnRecord(principal, nino);
}

/** Searching the audit by actor or time range spans many citizens: auditors only. */
export function canSearchAudit(principal: Principal): boolean {
  return principal.role === 'auditor' && principal.scopes.has(SCOPES.auditRead);
}

/** Analysts explore the schema; everyone else works from documentation and persisted operations. */
export function canIntrospect(principal: Principal): boolean {
  return principal.role === 'analyst';
}

/** Throws PURPOSE_REQUIRED when the principal's role must declare a purpose and has not. */
export function requirePurpose(principal: Principal): void {
  if (ROLES_REQUIRING_PURPOSE.includes(principal.role) && principal.purpose === undefined) {
    throw new ValidationError('PURPOSE_REQUIRED', 'Declare the purpose of this request: send the case reference in the x-purpose header');
  }
}

/** Keeps the last four digits: `12345678` -> `****5678`; anything of four digits or fewer is fully hidden. */
export function maskAccountNumber(accountNumber: string): string {
  const digits = accountNumber.replace(/\s+/g, '');
  return digits.length <= 4 ? '****' : `****${digits.slice(-4)}`;
}

function isOwnRecord(principal: Principal, nino: string): boolean {
  return principal.scopes.has(SCOPES.citizenSelf) && principal.nino !== undefined && principal.nino === normaliseNino(nino);
}
