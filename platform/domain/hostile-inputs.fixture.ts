import { GraphQLError } from 'graphql';
import { expect } from 'vitest';
import type { DomainErrorCode } from './input-error.ts';

/** Values every domain parser must refuse, with a label for the test name. */
export const HOSTILE_INPUTS: ReadonlyArray<readonly [label: string, value: unknown]> = [
  ['empty string', ''],
  ['whitespace only', ' \t\n '],
  ['a megabyte of text', 'A1'.repeat(500_000)],
  ['control characters', 'AB\u0000123\u0007456\u001bC'],
  ['a bidi override', '\u202eC654321BA'],
  ['emoji', '🙂🙂🙂🙂🙂🙂'],
  ['full-width characters', 'ＡＢ１２３４５６Ｃ'],
  ['SQL', "' OR 1=1 --"],
  ['markup', '<script>alert(1)</script>'],
  ['null', null],
  ['undefined', undefined],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a boolean', true],
  ['an object', { toString: () => 'AB123456C' }],
  ['a list', ['AB123456C']],
  ['a bigint', 10n],
];

const UNSAFE = /[\p{C}\p{Zl}\p{Zp}]/u;

/** Asserts that `parse` throws a GraphQLError with the code, and a short message free of unsafe characters. */
export function expectRejected(parse: () => unknown, code: DomainErrorCode): GraphQLError {
  let thrown: unknown;
  try {
    parse();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GraphQLError);
  const error = thrown as GraphQLError;
  expect(error.extensions.code).toBe(code);
  expect(error.message.length).toBeLessThan(300);
  expect(error.message).not.toMatch(UNSAFE);
  return error;
}
