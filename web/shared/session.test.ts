import { describe, expect, it } from 'vitest';
import { mayIntrospect, needsPurpose, restrictedPartsFor, NINO_SHAPE, sessionFromToken } from './session.ts';

const token = (claims: unknown) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('the session a token implies for the page', () => {
  it.each([
    ['agent', { role: 'agent', scope: 'citizen:read bank:full' }, { role: 'agent', scopes: ['citizen:read', 'bank:full'] }, { purpose: true, introspect: false, parts: { accessHistory: false, story: true, reviews: true } }],
    ['analyst', { role: 'analyst', scope: 'citizen:read' }, { role: 'analyst', scopes: ['citizen:read'] }, { purpose: true, introspect: true, parts: { accessHistory: false, story: false, reviews: false } }],
    ['citizen', { role: 'citizen', nino: 'SC300047C', scope: 'citizen:self' }, { role: 'citizen', nino: 'SC300047C', scopes: ['citizen:self'] }, { purpose: false, introspect: false, parts: { accessHistory: true, story: true, reviews: false } }],
  ])('reads a %s token', (_case, claims, expected, may) => {
    const session = sessionFromToken(` ${token(claims)} `);
    expect(session).toEqual({ token: token(claims), ...expected });
    expect({ purpose: needsPurpose(session), introspect: mayIntrospect(session), parts: restrictedPartsFor(session) }).toEqual(may);
  });

  it('keeps a token it cannot read, for the gateway to refuse', () => {
    expect(sessionFromToken('not-a-jwt')).toEqual({ token: 'not-a-jwt', scopes: [] });
  });

  it.each([['SC100021A', true], ['sc 10 00 21 a', true], ['SC100021E', false], ['SC10002', false]])('takes %s as a NINO: %s', (nino, valid) => {
    expect(NINO_SHAPE.test(nino)).toBe(valid);
  });
});
