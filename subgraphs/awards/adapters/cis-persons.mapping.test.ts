import { describe, expect, it } from 'vitest';
import { mapChildren, mapPersonDates } from './cis-persons.mapping.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';

const people = readJsonFixture('cis-persons-enquiry.json').PERSON_LIST as Array<Record<string, string>>;
const relationships = readJsonFixture('cis-relationships-enquiry.json').RELATIONSHIP_LIST as Array<Record<string, string>>;

describe('mapPersonDates', () => {
  const dates = mapPersonDates(people);

  it.each([
    ['a living citizen (blank DEATH_DT)', 'QQ123456A', { dateOfBirth: '1944-01-17', dateOfDeath: null }],
    ['a deceased citizen', 'QQ123457B', { dateOfBirth: '1941-03-02', dateOfDeath: '2025-09-18' }],
    ['a NINO CIS does not hold', 'QQ123458C', undefined],
  ])('reads %s', (_case, nino, expected) => {
    expect(dates.get(nino)).toEqual(expected);
  });

  it('reads a blank date of birth as none recorded, for the reader to judge', () => {
    expect(mapPersonDates([{ ...people[0], BIRTH_DT: '' }]).get('QQ123456A')?.dateOfBirth).toBeNull();
  });

  it.each([
    ['an impossible date of death', [{ ...people[0], DEATH_DT: '20250231' }]],
    ['an impossible date of birth', [{ ...people[0], BIRTH_DT: '19900231' }]],
    ['a record without DEATH_DT', [{ NINO: 'QQ123456A', BIRTH_DT: '19440117' }]],
  ])('reports %s as CIS being unavailable, never as alive', async (_case, list) => {
    await expectLegacyFailure(() => mapPersonDates(list), 'cis');
  });
});

describe('mapChildren', () => {
  const children = mapChildren(relationships);

  it.each<[string, string, string[] | undefined]>([
    ['a parent: only CHLD relationships, in CIS order', 'QQ123456A', ['QQ223456A', 'QQ223457B']],
    ['a child, whose PRNT relationship is not a child', 'QQ223456A', undefined],
    ['someone with an appointee but no children', 'QQ123458C', undefined],
  ])('reads %s', (_case, nino, expected) => {
    expect(children.get(nino)).toEqual(expected);
  });

  it('reports a relationship without REL_NINO as CIS failing', async () => {
    await expectLegacyFailure(() => mapChildren([{ NINO: 'QQ123456A', REL_TYPE_CD: 'CHLD' }]), 'cis');
  });
});
