import { describe, expect, it } from 'vitest';
import { invalidInput, quoteInput } from './input-error.ts';

describe('quoteInput', () => {
  it.each([
    ['a short string', 'xx', "'xx'"],
    ['12 characters', 'exactly12chr', "'exactly12chr'"],
    ['13 characters', 'thirteen char', "'thirteen cha…'"],
    ['a million characters', 'a'.repeat(1_000_000), `'${'a'.repeat(12)}…'`],
    ['control characters and an ANSI escape', 'a\u0000b\u0007c\u001b[31md', "'abc[31md'"],
    ['a bidi override and line separators', '\u202eevil\u2028x\u2029y', "'evilxy'"],
    ['emoji, counted as characters not code units', '🙂'.repeat(20), `'${'🙂'.repeat(12)}…'`],
    ['a lone surrogate', '\ud800lone', "'lone'"],
    ['a number', 241.3, 'the number 241.3'],
    ['null', null, 'null'],
    ['undefined', undefined, 'a value of type undefined'],
    ['NaN', Number.NaN, 'a value of type number'],
    ['a list', [1, 2], 'a list'],
    ['an object', { a: 1 }, 'a value of type object'],
    ['a bigint', 10n, 'a value of type bigint'],
  ])('renders %s as %s', (_label, input, expected) => {
    expect(quoteInput(input)).toBe(expected);
  });
});

describe('invalidInput', () => {
  it('makes a GraphQLError carrying the code in extensions', () => {
    const error = invalidInput('INVALID_DATE', 'Date is wrong');
    expect(error.message).toBe('Date is wrong');
    expect(error.extensions).toEqual({ code: 'INVALID_DATE' });
  });
});
