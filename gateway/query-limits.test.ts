import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxSelectionsRule, noRepeatedDirectivesRule, QueryLimitError } from './query-limits.ts';

const schema = buildSchema('type Query { citizen: Citizen } type Citizen { nino: String name: String partner: Citizen }');
const check = (query: string) => validate(schema, parse(query), [maxSelectionsRule(10), noRepeatedDirectivesRule]);

describe('maxSelectionsRule', () => {
  it.each([
    ['ten fields', '{ __typename citizen { nino name partner { nino name partner { nino name } } } }'],
    ['ten copies of __typename', `{ ${'__typename '.repeat(10)}}`],
    ['introspection, which is not counted', '{ __schema { types { name fields { name type { name ofType { name } } } } } __typename }'],
  ])('accepts %s', (_case, query) => {
    expect(check(query)).toEqual([]);
  });

  it.each([
    ['eleven copies of one field', `{ citizen { ${'nino '.repeat(10)}} }`],
    ['eleven aliases of __typename', `{ ${Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ')} }`],
    ['a fragment counted each time it is spread', '{ citizen { ...F ...F ...F ...F ...F } } fragment F on Citizen { nino name }'],
    ['fields inside inline fragments', `{ citizen { ... on Citizen { ${'name '.repeat(10)}} } }`],
  ])('refuses %s with QUERY_LIMIT_EXCEEDED', (_case, query) => {
    expect(() => check(query)).toThrow(QueryLimitError);
  });

  it('ends on a fragment cycle (validation refuses the cycle itself)', () => {
    expect(() => check('{ citizen { ...A } } fragment A on Citizen { partner { ...B } } fragment B on Citizen { partner { ...A } }')).not.toThrow();
  });
});

describe('noRepeatedDirectivesRule', () => {
  it('refuses a directive repeated at one location', () => {
    expect(() => check('{ __typename @aa @aa }')).toThrow(/@aa is repeated/);
  });

  it('accepts different directives at one location, and one directive at several', () => {
    expect(check('{ citizen @skip(if: false) @include(if: true) { nino @skip(if: false) } }')).toEqual([]);
  });
});
