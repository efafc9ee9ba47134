import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import { mapPartners, mapPersons } from './cis.mapping.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown[]>;

describe('mapPersons', () => {
  const persons = mapPersons(fixture('cis-persons-enquiry.json').PERSON_LIST!);

  it('reads an open record with its contact details', () => {
    expect(persons.get('QQ123456A')).toEqual({ name: 'Joan Example', restricted: false, dateOfDeath: null, email: 'joan@example.org', mobile: '07700 900123' });
  });

  it('reads a protected address as restricted, blank contact details as none', () => {
    expect(persons.get('QQ123457B')).toEqual({ name: 'Ruth Example', restricted: true, dateOfDeath: null, email: null, mobile: null });
  });

  it('leaves out a NINO CIS does not hold', () => {
    expect(persons.has('QQ123458C')).toBe(false);
  });

  it('reports a record missing its restriction code as CIS failing, never as open', () => {
    expect(() => mapPersons([{ NINO: 'QQ123456A', FORENAME_1: 'Joan', SURNAME: 'Example', DEATH_DT: '', MOBILE_NO: '', EMAIL_ADDR: '' }])).toThrow(LegacyError);
  });
});

describe('mapPartners', () => {
  it('finds each citizen\'s current partner, and nothing for one without', () => {
    const partners = mapPartners(fixture('cis-relationships-enquiry.json').RELATIONSHIP_LIST!);
    expect(partners.get('QQ123456A')).toBe('QQ123457B');
    expect(partners.has('QQ123458C')).toBe(false);
  });

  it('ignores a partnership that has ended', () => {
    expect(mapPartners([{ NINO: 'QQ123456A', REL_TYPE_CD: 'PTNR', REL_NINO: 'QQ123457B', START_DT: '20140801', END_DT: '20200101' }]).size).toBe(0);
  });
});
