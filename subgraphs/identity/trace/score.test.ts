import { describe, expect, it } from 'vitest';
import type { Person, TraceCandidate } from '../domain.ts';
import { MINIMUM_SCORE, rankCandidates, scoreCandidate } from './score.ts';

function candidate(givenName: string, familyName: string, postcode: string | null = 'LS1 4AP', restricted = false): TraceCandidate {
  const person: Person = {
    nino: `AB${String(givenName.length * 1000 + familyName.length).padStart(6, '0')}C`,
    title: null,
    givenName,
    middleNames: null,
    familyName,
    sex: 'FEMALE',
    dateOfBirth: '1980-01-01',
    dateOfDeath: null,
    restricted,
    preferredLanguage: 'ENGLISH',
    contact: { phone: null, mobile: null, email: null },
  };
  return { person, currentPostcode: postcode };
}

describe('trace scoring', () => {
  it.each([
    ['exact names and postcode', { familyName: 'Smith', givenName: 'Jane', postcode: 'LS1 4AP' }, candidate('Jane', 'Smith'), 1, ['FAMILY_NAME_EXACT', 'GIVEN_NAME_EXACT', 'POSTCODE']],
    ['exact names, no postcode given', { familyName: 'smith', givenName: 'JANE' }, candidate('Jane', 'Smith'), 1, ['FAMILY_NAME_EXACT', 'GIVEN_NAME_EXACT']],
    ['phonetic family name', { familyName: 'Smyth', givenName: 'Jane' }, candidate('Jane', 'Smith'), 0.925, ['FAMILY_NAME_PHONETIC']],
    ['initial for given name', { familyName: 'Smith', givenName: 'J' }, candidate('Jane', 'Smith'), 0.91, ['GIVEN_NAME_INITIAL']],
    ['transposed names', { familyName: 'Jane', givenName: 'Smith' }, candidate('Jane', 'Smith'), 0.92, ['NAMES_TRANSPOSED']],
    ['postcode in the same district only', { familyName: 'Smith', givenName: 'Jane', postcode: 'LS1 9ZZ' }, candidate('Jane', 'Smith'), 0.9, ['POSTCODE_DISTRICT']],
  ])('%s', (_name, input, who, score, matched) => {
    const result = scoreCandidate(input, who);
    expect(result.score).toBeCloseTo(score, 3);
    expect(result.matchedOn).toEqual(expect.arrayContaining(matched));
  });

  it('drops candidates whose family name does not match at all', () => {
    expect(scoreCandidate({ familyName: 'Okonkwo', givenName: 'Jane' }, candidate('Jane', 'Smith')).score).toBeLessThan(MINIMUM_SCORE);
  });

  it('ranks best first and never finds a restricted record by postcode', () => {
    const ranked = rankCandidates({ familyName: 'Smith', givenName: 'Jane', postcode: 'LS1 4AP' }, [
      candidate('Janet', 'Smyth'),
      candidate('Jane', 'Smith'),
      candidate('Jane', 'Smith', 'LS1 4AP', true),
    ]);
    expect(ranked.map((match) => [match.candidate.person.givenName, match.candidate.person.familyName])).toEqual([
      ['Jane', 'Smith'],
      ['Janet', 'Smyth'],
    ]);
  });

  it('finds a restricted record when no postcode is given', () => {
    expect(rankCandidates({ familyName: 'Smith', givenName: 'Jane' }, [candidate('Jane', 'Smith', null, true)])).toHaveLength(1);
  });
});
