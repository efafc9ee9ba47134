import { describe, expect, it } from 'vitest';
import { cappedIntegerHeader } from './capped-integer-header.ts';

describe('cappedIntegerHeader', () => {
  const MAX = 2_000;

  it.each<[string, string | string[] | undefined, number]>([
    ['absent', undefined, MAX],
    ['a value under the limit', '750', 750],
    ['with spaces around it', ' 750 ', 750],
    ['nothing left', '0', 0],
    ['the first of repeated headers', ['300', '1500'], 300],
    ['more than the limit', '999999999', MAX],
    ['empty', '', MAX],
    ['negative', '-5', MAX],
    ['fractional', '1.5', MAX],
    ['in exponent form', '1e3', MAX],
    ['not a number', 'soon', MAX],
    ['too long to be a count', '9'.repeat(400), MAX],
  ])('grants %s: %j → %d', (_name, header, expected) => {
    expect(cappedIntegerHeader(header, MAX)).toBe(expected);
  });
});
