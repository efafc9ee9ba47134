import { describe, expect, it } from 'vitest';
import { createCursorSigner } from './cursor.ts';

const signer = createCursorSigner('deployment-secret');
const position = { at: '2026-11-30T14:26:18.000Z', id: 'delivered:chg-1:cis' };
const cursor = signer.write('SC100021A', position);

function tampered(): string {
  const [payload, signature] = cursor.split('.');
  const altered = Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', 'delivered:chg-1:cis'])).toString('base64url');
  expect(altered).not.toBe(payload);
  return `${altered}.${signature}`;
}

describe('timeline cursors', () => {
  it('read back the position written, for the same citizen', () => {
    expect(signer.read('SC100021A', cursor)).toEqual(position);
  });

  it('carry no NINO', () => {
    expect(Buffer.from(cursor.split('.')[0]!, 'base64url').toString()).not.toContain('SC100021A');
  });

  it.each([
    ['another citizen\'s cursor', 'SC100042B', cursor],
    ['one signed with another secret', 'SC100021A', createCursorSigner('another-secret').write('SC100021A', position)],
    ['an altered position', 'SC100021A', tampered()],
    ['no signature', 'SC100021A', cursor.split('.')[0]!],
    ['an extra part', 'SC100021A', `${cursor}.x`],
    ['an empty string', 'SC100021A', ''],
    ['made up', 'SC100021A', 'bm90LWEtY3Vyc29y.AAAAAAAAAAAAAAAAAAAAAA'],
    ['an offset, as other APIs use', 'SC100021A', 'YXJyYXljb25uZWN0aW9uOjE5'],
  ])('refuse %s with INVALID_CURSOR', (_case, nino, given) => {
    expect(() => signer.read(nino, given)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }) as Error);
  });

  it('refuse a well-signed payload that is not a position', () => {
    // Only a holder of the secret could sign one; refused all the same rather than trusted.
    const rogue = createCursorSigner('deployment-secret');
    const forged = rogue.write('SC100021A', { at: 'yesterday', id: 'x' });
    expect(() => signer.read('SC100021A', forged)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }) as Error);
  });
});
