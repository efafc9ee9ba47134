import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { mapRestrictions } from './cis.mapping.ts';

const personList = (JSON.parse(readFileSync(new URL('./fixtures/cis-persons-enquiry.json', import.meta.url), 'utf8')) as { PERSON_LIST: Array<Record<string, string>> }).PERSON_LIST;

describe('mapRestrictions', () => {
  const restrictions = mapRestrictions(personList);

  it.each([
    ['an open record (NONE)', 'QQ123456A', false],
    ['a protected address (PROTADDR)', 'QQ123457B', true],
    ['a NINO CIS does not hold', 'QQ123458C', undefined],
  ])('reads %s', (_case, nino, expected) => {
    expect(restrictions.get(nino)).toBe(expected);
  });

  it('restricts a record whose code it does not know', () => {
    expect(mapRestrictions([{ ...personList[0], RESTRICTION_CD: 'WITNESS' }]).get('QQ123456A')).toBe(true);
  });

  it('reports a record without RESTRICTION_CD as CIS being unavailable, never as open', () => {
    expect(() => mapRestrictions([{ NINO: 'QQ123456A' }])).toThrow(LegacyError);
  });
});
