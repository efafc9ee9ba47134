import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './cursor.ts';

describe('cursor', () => {
  it('round-trips a position', () => {
    const position = { at: new Date('2026-03-01T09:00:00.123Z'), id: '3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty string', ''],
    ['the wrong shape', Buffer.from('{"at":"2026-01-01"}').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b"]').toString('base64url')],
    ['an id that is not a UUID', Buffer.from('["2026-01-01T00:00:00Z","1 OR 1=1"]').toString('base64url')],
    ['year -271821, which PostgreSQL cannot hold', Buffer.from('["-271821-04-20T00:00:00.000Z","3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b"]').toString('base64url')],
    ['year 0', Buffer.from('["0000-01-01T00:00:00.000Z","3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b"]').toString('base64url')],
    ['a time not in the form the audit log writes', Buffer.from('["2026-01-01","3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b"]').toString('base64url')],
  ])('rejects %s with INVALID_ARGUMENT', (_case, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('pageSize', () => {
  it.each([
    [undefined, 20],
    [1, 1],
    [100, 100],
  ])('%s -> %s', (first, expected) => {
    expect(pageSize(first)).toBe(expected);
  });

  it.each([0, -1, 101, 1.5, Number.NaN])('rejects %s', (first) => {
    expect(() => pageSize(first)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
