import { describe, expect, it } from 'vitest';
import { ninosNamedIn } from './admission.ts';

describe('ninosNamedIn', () => {
  it.each([
    ['a variable, normalised', { variables: { nino: 'sc 10 00 21 a' } }, ['SC100021A']],
    ['a caseload variable', { variables: { ninos: ['SC100021A', 'SC200081A', 'SC100021A'] } }, ['SC100021A', 'SC200081A']],
    ['nested input', { variables: { filter: { people: [{ nino: 'SC300047C' }] } } }, ['SC300047C']],
    ['a literal in the query', { query: '{ citizen(nino: "SC400062D") { nino } }' }, ['SC400062D']],
    ['strings that are not NINOs', { query: '{ addressLookup(postcode: "LS1 4AP") { lines } }', variables: { x: 'QQ123456C', y: 42 } }, []],
    ['no body at all', undefined, []],
  ])('finds %s', (_case, body, expected) => {
    expect(ninosNamedIn(body)).toEqual(expected);
  });
});
