import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { createInternalTokenSigner, createInternalTokenVerifier } from './internal-token.ts';
import type { Principal } from './principal.ts';
import { createTestSigningKey } from './test-keys.ts';

const secret = 'gateway-and-subgraphs-share-this-32+';
const principal: Principal = {
  subject: 'caseworker-17',
  role: 'agent',
  organisation: 'DWP',
  scopes: new Set(['citizen:read']),
  purpose: 'CASE/2026/0042',
  requestId: 'req-7',
};

afterEach(() => {
  vi.useRealTimers();
});

describe('internal gateway-to-subgraph token', () => {
  it('carries the principal, purpose, request id and the caller\'s operation name to the subgraph', async () => {
    const token = await createInternalTokenSigner({ secret }).sign(principal, 'CaseView');
    await expect(createInternalTokenVerifier({ secret }).verify(token)).resolves.toEqual({ principal, operationName: 'CaseView' });
  });

  it('carries a citizen\'s NINO and works without a purpose or an operation name', async () => {
    const citizen: Principal = { subject: 's', role: 'citizen', organisation: 'CITIZEN', scopes: new Set(['citizen:self']), nino: 'AB123456C', requestId: 'r' };
    const token = await createInternalTokenSigner({ secret }).sign(citizen);
    await expect(createInternalTokenVerifier({ secret }).verify(token)).resolves.toEqual({ principal: citizen });
  });

  it('expires after its lifetime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const token = await createInternalTokenSigner({ secret, ttlSeconds: 60 }).sign(principal);
    vi.setSystemTime(new Date('2026-01-01T10:01:06Z'));
    await expect(createInternalTokenVerifier({ secret }).verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    vi.setSystemTime(new Date('2026-01-01T10:01:04Z'));
    await expect(createInternalTokenVerifier({ secret }).verify(token)).resolves.toBeDefined();
  });

  const rejected: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token signed with another secret', () => createInternalTokenSigner({ secret: `${secret}-other` }).sign(principal)],
    ['a token for another audience', () => createInternalTokenSigner({ secret, audience: 'someone-else' }).sign(principal)],
    ['a token from another issuer', () => createInternalTokenSigner({ secret, issuer: 'not-the-gateway' }).sign(principal)],
    ['a caller token (asymmetric)', async () => (await createTestSigningKey()).sign({ iss: 'citizen-graph-gateway', aud: 'citizen-graph-subgraphs', sub: 's', role: 'agent', org: 'DWP', rid: 'r', exp: 9999999999 })],
    ['a token whose payload was edited', async () => {
      const [header, , signature] = (await createInternalTokenSigner({ secret }).sign(principal)).split('.');
      const edited = Buffer.from(JSON.stringify({ sub: 's', role: 'auditor', org: 'DWP', scope: 'audit:read', rid: 'r', iss: 'citizen-graph-gateway', aud: 'citizen-graph-subgraphs', exp: 9999999999 })).toString('base64url');
      return `${header}.${edited}.${signature}`;
    }],
  ];

  it.each(rejected)('rejects %s as UNAUTHENTICATED', async (_case, token) => {
    await expect(createInternalTokenVerifier({ secret }).verify(await token())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('remembers a verified token for the rest of its request, but never past its expiry', async () => {
    const token = await createInternalTokenSigner({ secret, ttlSeconds: 2 }).sign(principal);
    // From the second it was issued in (claims are whole seconds): from the wall clock, a token
    // signed late in a second would expire barely a second later, and the test would flake.
    let clock = Number(decodeJwt(token).iat) * 1000;
    const verifier = createInternalTokenVerifier({ secret, clockToleranceSec: 0, now: () => clock });
    await expect(verifier.verify(token)).resolves.toMatchObject({ principal });
    clock += 1_000;
    await expect(verifier.verify(token)).resolves.toMatchObject({ principal });
    clock += 2_000;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('serves only the very same token from what it remembers: one altered byte is checked, and refused', async () => {
    const verifier = createInternalTokenVerifier({ secret });
    const token = await createInternalTokenSigner({ secret }).sign(principal);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(altered)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createInternalTokenSigner({ secret: 'too-short' })).toThrow(/32 bytes/);
    expect(() => createInternalTokenVerifier({ secret: new Uint8Array(31) })).toThrow(/32 bytes/);
  });
});
