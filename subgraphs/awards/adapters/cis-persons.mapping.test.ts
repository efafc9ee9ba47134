import { describe, expect, it } from 'vitest';
import { mapDeathRecords } from './cis-persons.mapping.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';

const personList = readJsonFixture('cis-persons-enquiry.json').PERSON_LIST as Array<Record<string, string>>;

describe('mapDeathRecords', () => {
  const deaths = mapDeathRecords(personList);

  it.each([
    ['a living citizen (blank DEATH_DT)', 'QQ123456A', { dateOfDeath: null }],
    ['a deceased citizen', 'QQ123457B', { dateOfDeath: '2025-09-18' }],
    ['a NINO CIS does not hold', 'QQ123458C', undefined],
  ])('reads %s', (_case, nino, expected) => {
    expect(deaths.get(nino)).toEqual(expected);
  });

  it.each([
    ['an impossible date of death', [{ ...personList[0], DEATH_DT: '20250231' }]],
    ['a record without DEATH_DT', [{ NINO: 'QQ123456A' }]],
  ])('reports %s as CIS being unavailable, never as alive', async (_case, list) => {
    await expectLegacyFailure(() => mapDeathRecords(list), 'cis');
  });
});
