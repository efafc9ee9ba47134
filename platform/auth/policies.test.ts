import { describe, expect, it } from 'vitest';
import {
  canIntrospect,
  canReadAuditFor,
  canReadCitizen,
  canReportChange,
  isCaseworkerOnCase,
  canRunCheck,
  canSearchAudit,
  canSeeRestricted,
  maskAccountNumber,
  mustMaskAccountNumber,
  requirePurpose,
} from './policies.ts';
import type { Principal } from './principal.ts';
import type { Role } from './vocabulary.ts';

const OWN = 'AB123456C';
const OTHER = 'CE654321A';

function who(role: Role, scopes: string[], extra: { nino?: string; purpose?: string } = {}): Principal {
  return { subject: `s-${role}`, role, organisation: 'DWP', scopes: new Set(scopes), requestId: 'r', ...extra };
}

const agent = who('agent', ['citizen:read'], { purpose: 'CASE-1' });
const agentNoPurpose = who('agent', ['citizen:read']);
const agentNoScope = who('agent', [], { purpose: 'CASE-1' });
const analyst = who('analyst', ['citizen:read'], { purpose: 'STUDY/7' });
const analystNoPurpose = who('analyst', ['citizen:read']);
const citizen = who('citizen', ['citizen:self'], { nino: OWN });
const citizenNoScope = who('citizen', [], { nino: OWN });
const partner = who('partner', ['check:free-school-meals', 'citizen:read'], { purpose: 'X' });
const auditor = who('auditor', ['audit:read', 'citizen:read'], { purpose: 'X' });
const auditorNoScope = who('auditor', []);

describe('canReadCitizen', () => {
  it.each([
    ['agent with citizen:read and a purpose', agent, OTHER, true],
    ['agent without a purpose', agentNoPurpose, OTHER, false],
    ['agent without citizen:read', agentNoScope, OTHER, false],
    ['analyst with citizen:read and a purpose', analyst, OTHER, true],
    ['analyst without a purpose', analystNoPurpose, OTHER, false],
    ['citizen, own record', citizen, OWN, true],
    ['citizen, own record written loosely', citizen, 'ab 12 34 56 c', true],
    ['citizen, someone else\'s record', citizen, OTHER, false],
    ['citizen without citizen:self', citizenNoScope, OWN, false],
    ['partner, even holding citizen:read', partner, OTHER, false],
    ['auditor, even holding citizen:read', auditor, OTHER, false],
  ] as const)('%s -> %s', (_case, principal, nino, expected) => {
    expect(canReadCitizen(principal, nino)).toBe(expected);
  });
});

describe('bank and restricted records', () => {
  it.each([
    [agent, true],
    [who('agent', ['citizen:read', 'bank:full']), false],
    [citizen, true],
  ])('mustMaskAccountNumber(%o) is %s', (principal, expected) => {
    expect(mustMaskAccountNumber(principal)).toBe(expected);
  });

  it.each([
    [agent, false],
    [who('agent', ['citizen:read', 'records:restricted']), true],
    [citizen, false],
  ])('canSeeRestricted(%o) is %s', (principal, expected) => {
    expect(canSeeRestricted(principal)).toBe(expected);
  });

  it.each([
    ['12345678', '****5678'],
    ['12 34 56 78', '****5678'],
    ['0012345678', '****5678'],
    ['1234', '****'],
    ['', '****'],
  ])('maskAccountNumber(%s) is %s', (input, expected) => {
    expect(maskAccountNumber(input)).toBe(expected);
  });
});

describe('canRunCheck', () => {
  it.each([
    ['partner, named check', partner, 'free-school-meals', true],
    ['partner, check not named', partner, 'healthy-start', false],
    ['partner, unknown check', partner, 'anything', false],
    ['agent holding the check scope', who('agent', ['check:free-school-meals']), 'free-school-meals', false],
  ] as const)('%s -> %s', (_case, principal, check, expected) => {
    expect(canRunCheck(principal, check)).toBe(expected);
  });
});

describe('audit access', () => {
  it.each([
    ['citizen, own record', citizen, OWN, true],
    ['citizen, another record', citizen, OTHER, false],
    ['auditor, any record', auditor, OTHER, true],
    ['auditor without audit:read', auditorNoScope, OTHER, false],
    ['agent', agent, OTHER, false],
  ] as const)('canReadAuditFor: %s -> %s', (_case, principal, nino, expected) => {
    expect(canReadAuditFor(principal, nino)).toBe(expected);
  });

  it.each([
    [auditor, true],
    [auditorNoScope, false],
    [citizen, false],
    [agent, false],
  ])('canSearchAudit(%o) is %s', (principal, expected) => {
    expect(canSearchAudit(principal)).toBe(expected);
  });
});

describe('canIntrospect', () => {
  it.each([
    [analyst, true],
    [agent, false],
    [partner, false],
    [citizen, false],
  ])('%o -> %s', (principal, expected) => {
    expect(canIntrospect(principal)).toBe(expected);
  });
});

describe('requirePurpose', () => {
  it.each([agentNoPurpose, analystNoPurpose])('throws PURPOSE_REQUIRED for %o', (principal) => {
    expect(() => requirePurpose(principal)).toThrow(expect.objectContaining({ code: 'PURPOSE_REQUIRED' }));
  });

  it.each([agent, analyst, citizen, partner, auditorNoScope])('lets %o through', (principal) => {
    expect(() => requirePurpose(principal)).not.toThrow();
  });
});

describe('canReportChange', () => {
  it.each([
    ['agent with citizen:read and a purpose', agent, OTHER, true],
    ['agent without a purpose', agentNoPurpose, OTHER, false],
    ['agent without citizen:read', agentNoScope, OTHER, false],
    ['analyst, even with a purpose', analyst, OTHER, false],
    ['citizen, own record', citizen, OWN, true],
    ['citizen, own record with spaces and lower case', citizen, 'ab 12 34 56 c', true],
    ['citizen, someone else', citizen, OTHER, false],
    ['citizen without citizen:self', citizenNoScope, OWN, false],
    ['partner', partner, OTHER, false],
    ['auditor', auditor, OTHER, false],
  ])('%s -> %s', (_label, principal, nino, expected) => {
    expect(canReportChange(principal, nino)).toBe(expected);
  });
});

describe('isCaseworkerOnCase', () => {
  it.each([
    ['agent with citizen:read and a purpose', agent, true],
    ['agent without a purpose', agentNoPurpose, false],
    ['analyst', analyst, false],
    ['citizen, even for their own record', citizen, false],
    ['partner', partner, false],
  ])('%s -> %s', (_label, principal, expected) => {
    expect(isCaseworkerOnCase(principal)).toBe(expected);
  });
});
