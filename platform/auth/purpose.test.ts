import { describe, expect, it } from 'vitest';
import { parsePurpose } from './purpose.ts';

describe('parsePurpose', () => {
  it.each([
    ['CASE-2026/0042', 'CASE-2026/0042'],
    ['  ref:abc_1.2 x  ', 'ref:abc_1.2 x'],
    ['A'.repeat(64), 'A'.repeat(64)],
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
  ])('reads %j as %j', (raw, expected) => {
    expect(parsePurpose(raw)).toBe(expected);
  });

  it.each([
    ['too long', 'A'.repeat(65)],
    ['free text with personal data', 'Called Mrs Smith, DOB 01/02/1960, re: her address'],
    ['a newline', 'CASE-1\nCASE-2'],
    ['non-ASCII', 'CASE–1'],
    ['markup', '<script>'],
    ['repeated headers', ['CASE-1', 'CASE-2']],
  ])('throws PURPOSE_REQUIRED for %s', (_case, raw) => {
    expect(() => parsePurpose(raw)).toThrow(expect.objectContaining({ code: 'PURPOSE_REQUIRED' }));
  });
});
