import { describe, expect, it } from 'vitest';
import { mapBirthDates, mapChildren } from './cis-household.mapping.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';

const relationships = readJsonFixture('cis-relationships-enquiry.json').RELATIONSHIP_LIST as Array<Record<string, string>>;
const people = readJsonFixture('cis-persons-enquiry.json').PERSON_LIST as Array<Record<string, string>>;

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

describe('mapBirthDates', () => {
  it('reads each listed citizen’s date of birth', () => {
    const births = mapBirthDates(people);
    expect([births.get('QQ123456A'), births.get('QQ123457B')]).toEqual(['1944-01-17', '1941-03-02']);
  });

  it.each([
    ['an impossible date of birth', { BIRTH_DT: '19900231' }],
    ['a blank date of birth', { BIRTH_DT: '' }],
  ])('reports %s as CIS failing', async (_case, change) => {
    await expectLegacyFailure(() => mapBirthDates([{ ...people[0], ...change }]), 'cis');
  });
});
