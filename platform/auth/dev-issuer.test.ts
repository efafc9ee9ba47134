import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallerVerifier } from './caller-verifier.ts';
import { createDevIssuer, type MintOptions } from './dev-issuer.ts';

const issuer = 'http://localhost:4000/dev-issuer';
const audience = 'citizen-graph';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dev-issuer-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('createDevIssuer', () => {
  it('creates an ES256 key on first start, private file mode 0600, and serves only its public part', async () => {
    const dev = await createDevIssuer({ dataDir, issuer, audience });
    const file = join(dataDir, 'dev-issuer', 'signing-key.jwk.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('d');
    const [key, ...others] = dev.jwks().keys;
    expect(others).toEqual([]);
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(key).not.toHaveProperty('d');
  });

  it('reuses the stored key on the next start', async () => {
    const first = await createDevIssuer({ dataDir, issuer, audience });
    const second = await createDevIssuer({ dataDir, issuer, audience, algorithm: 'EdDSA' });
    expect(second.jwks()).toEqual(first.jwks());
  });

  it('ends up with one key when several starts race to create it', async () => {
    const issuers = await Promise.all(Array.from({ length: 8 }, () => createDevIssuer({ dataDir, issuer, audience })));
    const kids = new Set(issuers.map((dev) => dev.jwks().keys[0]?.kid));
    expect(kids.size).toBe(1);
  });

  it('can use an Ed25519 key', async () => {
    const dev = await createDevIssuer({ dataDir, issuer, audience, algorithm: 'EdDSA' });
    expect(dev.jwks().keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    const token = await dev.mint({ role: 'agent' });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: dev.jwks().keys[0]?.kid });
    const verifier = createCallerVerifier({ issuer, audience, jwks: dev.jwksGetter() });
    await expect(verifier.verify(`Bearer ${token}`, 'r')).resolves.toMatchObject({ role: 'agent' });
  });

  const defaults: [MintOptions, { org: string; scopes: string[]; nino?: string }][] = [
    [{ role: 'agent' }, { org: 'DWP', scopes: ['citizen:read'] }],
    [{ role: 'analyst' }, { org: 'DWP', scopes: ['citizen:read'] }],
    [{ role: 'auditor' }, { org: 'DWP', scopes: ['audit:read'] }],
    [{ role: 'citizen', nino: 'ab 12 34 56 c' }, { org: 'CITIZEN', scopes: ['citizen:self'], nino: 'AB123456C' }],
    [{ role: 'partner', org: 'NHS' }, { org: 'NHS', scopes: [] }],
    [{ role: 'partner', org: 'NHS', scopes: ['check:prescription-exemption'] }, { org: 'NHS', scopes: ['check:prescription-exemption'] }],
    [{ role: 'agent', scopes: ['bank:full', 'records:restricted'] }, { org: 'DWP', scopes: ['citizen:read', 'bank:full', 'records:restricted'] }],
  ];

  it.each(defaults)('mints %o into a token the verifier accepts as %o', async (mint, expected) => {
    const dev = await createDevIssuer({ dataDir, issuer, audience });
    const verifier = createCallerVerifier({ issuer, audience, jwks: dev.jwksGetter() });
    const principal = await verifier.verify(`Bearer ${await dev.mint(mint)}`, 'r');
    expect(principal.organisation).toBe(expected.org);
    expect([...principal.scopes].sort()).toEqual([...expected.scopes].sort());
    expect(principal.nino).toBe(expected.nino);
    expect(principal.subject).toBe(`dev-${mint.role}`);
  });

  it('honours subject and lifetime', async () => {
    const dev = await createDevIssuer({ dataDir, issuer, audience });
    const claims = decodeJwt(await dev.mint({ role: 'agent', subject: 'caseworker-9', ttlSeconds: 120 }));
    expect(claims).toMatchObject({ sub: 'caseworker-9', iss: issuer, aud: audience });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
  });

  const refused: [string, MintOptions, RegExp][] = [
    ['a citizen without a NINO', { role: 'citizen' }, /needs --nino/],
    ['a citizen with a malformed NINO', { role: 'citizen', nino: 'QQ123456A' }, /"nino"/],
    ['a NINO on a non-citizen', { role: 'agent', nino: 'AB123456C' }, /Only a citizen/],
    ['a partner without an organisation', { role: 'partner', scopes: ['check:healthy-start'] }, /needs --org/],
    ['an unknown scope', { role: 'agent', scopes: ['citizen:raed'] }, /Unknown scope/],
    ['an unknown role', { role: 'admin' as never }, /Unknown role/],
    ['a zero lifetime', { role: 'agent', ttlSeconds: 0 }, /ttlSeconds/],
  ];

  it.each(refused)('refuses to mint %s', async (_case, mint, message) => {
    const dev = await createDevIssuer({ dataDir, issuer, audience });
    await expect(dev.mint(mint)).rejects.toThrow(message);
  });
});
