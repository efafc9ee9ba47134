import { describe, expect, it } from 'vitest';
import { deliveryTargets, inputHash, requireContactDetails, requireDateOfDeath, requireEffectiveDate, requireIdempotencyKey, type Holding } from './rules.ts';

describe('requireEffectiveDate', () => {
  it.each([
    ['31 days back', '2026-10-30', true],
    ['32 days back', '2026-10-29', false],
    ['today', '2026-11-30', true],
    ['92 days ahead', '2027-03-02', true],
    ['93 days ahead', '2027-03-03', false],
  ])('%s (%s) allowed: %s', (_case, date, allowed) => {
    const check = () => requireEffectiveDate(date, '2026-11-30');
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('requireIdempotencyKey', () => {
  it.each([
    ['a UUID', '0b6f3c52-3a1e-4d59-9c0e-2f1b7a8d4e21', true],
    ['one character', 'k', true],
    ['128 characters', 'k'.repeat(128), true],
    ['empty', '', false],
    ['129 characters', 'k'.repeat(129), false],
    ['a space', 'my key', false],
    ['a newline', 'key\n', false],
  ])('%s allowed: %s', (_case, key, allowed) => {
    const check = () => requireIdempotencyKey(key);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('inputHash', () => {
  it('is the same whatever the order of the input, and differs with any value or the operation', () => {
    const hash = inputHash('reportAddressChange', { nino: 'SC100021A', uprn: '1', effectiveDate: '2026-11-30' });
    expect(inputHash('reportAddressChange', { effectiveDate: '2026-11-30', uprn: '1', nino: 'SC100021A' })).toBe(hash);
    expect(inputHash('reportAddressChange', { nino: 'SC100021A', uprn: '2', effectiveDate: '2026-11-30' })).not.toBe(hash);
    expect(inputHash('reportContactChange', { nino: 'SC100021A', uprn: '1', effectiveDate: '2026-11-30' })).not.toBe(hash);
  });
});

describe('deliveryTargets', () => {
  const candidates = [
    { system: 'cis', kinds: ['address', 'contact', 'death'] as const },
    { system: 'uc', kinds: ['address', 'contact', 'death'] as const },
    { system: 'pscs', kinds: ['address', 'death'] as const },
    { system: 'disability', kinds: ['address', 'death'] as const },
  ];
  const holdings = (entries: Array<[string, Holding]>) => new Map<string, Holding>(entries);

  it('always CIS first, even when it says it does not hold the citizen', () => {
    expect(deliveryTargets('address', 'cis', candidates, holdings([['cis', false], ['uc', false], ['pscs', false], ['disability', false]]))).toEqual(['cis']);
  });

  it('adds the systems that hold the citizen, and those that could not be asked', () => {
    expect(deliveryTargets('address', 'cis', candidates, holdings([['uc', true], ['pscs', 'unknown'], ['disability', false]]))).toEqual(['cis', 'uc', 'pscs']);
  });

  it('leaves out a system that does not keep this kind of change', () => {
    expect(deliveryTargets('contact', 'cis', candidates, holdings([['uc', true], ['pscs', true], ['disability', true]]))).toEqual(['cis', 'uc']);
  });
});

describe('requireContactDetails', () => {
  const none = { phone: null, mobile: null, email: null };
  it.each([
    ['a mobile', { ...none, mobile: '07700 900123' }, true],
    ['an email', { ...none, email: 'rhys@example.org' }, true],
    ['an international phone', { ...none, phone: '+44 113 496 0000' }, true],
    ['nothing at all', none, false],
    ['a phone with letters', { ...none, phone: '0113 CALL ME' }, false],
    ['a short phone', { ...none, phone: '01134' }, false],
    ['an email without a domain', { ...none, email: 'rhys@' }, false],
  ])('%s allowed: %s', (_case, details, allowed) => {
    const check = () => requireContactDetails(details);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('requireDateOfDeath', () => {
  it('takes today or before, never after', () => {
    expect(() => requireDateOfDeath('2026-11-30', '2026-11-30')).not.toThrow();
    expect(() => requireDateOfDeath('2026-12-01', '2026-11-30')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
