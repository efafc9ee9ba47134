import { base64url, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCallerVerifier, type CallerVerifier } from './caller-verifier.ts';
import { createTestSigningKey, type TestSigningKey } from './test-keys.ts';

const issuer = 'https://issuer.test';
const audience = 'citizen-graph';
const now = () => Math.floor(Date.now() / 1000);
const valid = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: audience,
  sub: 'caseworker-17',
  exp: now() + 300,
  iat: now(),
  role: 'agent',
  org: 'DWP',
  scope: 'citizen:read bank:full',
  ...overrides,
});
const without = (claim: string): JWTPayload => {
  const claims = valid();
  delete claims[claim];
  return claims;
};

let key: TestSigningKey;
let otherKey: TestSigningKey;
let verifier: CallerVerifier;

beforeAll(async () => {
  key = await createTestSigningKey('ES256');
  otherKey = await createTestSigningKey('ES256', 'test-ES256');
  verifier = createCallerVerifier({ issuer, audience, jwks: key.jwks });
});

describe('createCallerVerifier', () => {
  it('returns the principal a valid token establishes, with the request id', async () => {
    const token = await key.sign(valid());
    const principal = await verifier.verify(`Bearer ${token}`, 'req-1');
    expect(principal).toEqual({
      subject: 'caseworker-17',
      role: 'agent',
      organisation: 'DWP',
      scopes: new Set(['citizen:read', 'bank:full']),
      requestId: 'req-1',
    });
  });

  it('keeps a citizen\'s NINO in normalised form', async () => {
    const token = await key.sign(valid({ role: 'citizen', scope: 'citizen:self', nino: 'ab 12 34 56 c' }));
    const principal = await verifier.verify(`Bearer ${token}`, 'req-2');
    expect(principal.nino).toBe('AB123456C');
  });

  it('drops a NINO claim on a token that is not a citizen\'s', async () => {
    const token = await key.sign(valid({ nino: 'AB123456C' }));
    expect((await verifier.verify(`Bearer ${token}`, 'r')).nino).toBeUndefined();
  });

  it.each(['EdDSA', 'RS256'] as const)('accepts %s-signed tokens', async (alg) => {
    const algKey = await createTestSigningKey(alg);
    const algVerifier = createCallerVerifier({ issuer, audience, jwks: algKey.jwks });
    const token = await algKey.sign(valid());
    await expect(algVerifier.verify(`Bearer ${token}`, 'r')).resolves.toMatchObject({ role: 'agent' });
  });

  const rejected: [string, () => Promise<string | undefined>, RegExp][] = [
    ['no Authorization header', async () => undefined, /required/],
    ['a Basic scheme', async () => 'Basic dXNlcjpwYXNz', /Bearer/],
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt', /Bearer/],
    ['alg none', async () => `Bearer ${unsecured(valid())}`, /algorithm this gateway does not accept/],
    ['an expired token', async () => `Bearer ${await key.sign(valid({ exp: now() - 60 }))}`, /has expired/],
    ['a token whose header is not JSON', async () => 'Bearer bm90LWpzb24.bm90LWpzb24.c2lnbmF0dXJl', /not a well-formed signed JWT/],
    ['no exp claim', async () => `Bearer ${await key.sign(without('exp'))}`, /lacks the required "exp" claim/],
    ['the wrong issuer', async () => `Bearer ${await key.sign(valid({ iss: 'https://evil.test' }))}`, /issuer \("iss"\) is not accepted by this gateway/],
    ['the wrong audience', async () => `Bearer ${await key.sign(valid({ aud: 'another-api' }))}`, /audience \("aud"\) is not this gateway/],
    ['a signature by another key with the same kid', async () => `Bearer ${await otherKey.sign(valid())}`, /signature does not verify/],
    ['HS256 signed with a shared secret', async () => `Bearer ${await hs256(valid())}`, /algorithm this gateway does not accept/],
    ['a not-yet-valid token', async () => `Bearer ${await key.sign(valid({ nbf: now() + 600 }))}`, /not valid yet/],
    ['no role', async () => `Bearer ${await key.sign(without('role'))}`, /"role"/],
    ['an unknown role', async () => `Bearer ${await key.sign(valid({ role: 'admin' }))}`, /"role"/],
    ['no subject', async () => `Bearer ${await key.sign(without('sub'))}`, /"sub"/],
    ['no organisation', async () => `Bearer ${await key.sign(without('org'))}`, /"org"/],
    ['a scope that is not a string', async () => `Bearer ${await key.sign(valid({ scope: ['citizen:read'] }))}`, /"scope"/],
    ['a citizen without a NINO', async () => `Bearer ${await key.sign(valid({ role: 'citizen', scope: 'citizen:self' }))}`, /"nino"/],
    ['a citizen with a malformed NINO', async () => `Bearer ${await key.sign(valid({ role: 'citizen', nino: 'QQ123456A' }))}`, /"nino"/],
  ];

  it.each(rejected)('rejects %s as UNAUTHENTICATED without echoing the token', async (_case, header, message) => {
    const authorization = await header();
    const error = await verifier.verify(authorization, 'r').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', extensions: { code: 'UNAUTHENTICATED' } });
    const text = (error as Error).message;
    expect(text).toMatch(message);
    // Why, without what would be accepted: neither the expected issuer nor the audience.
    expect(text).not.toContain(issuer);
    expect(text).not.toMatch(/citizen-graph/);
    const token = authorization?.split(' ')[1];
    if (token) for (const part of token.split('.').filter(Boolean)) expect(text).not.toContain(part);
  });
});

describe('the verified-token cache', () => {
  /** A key set that counts how often the verifier had to look a key up, i.e. verify a signature. */
  function countingKeySet() {
    const counter = { lookups: 0 };
    const jwks: Parameters<typeof createCallerVerifier>[0]['jwks'] = (header, token) => {
      counter.lookups += 1;
      return key.jwks(header, token);
    };
    return { jwks, counter };
  }

  it('verifies a token once and serves its principal, with each request id, from the cache after that', async () => {
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks });
    const token = await key.sign(valid());
    const first = await cached.verify(`Bearer ${token}`, 'req-1');
    const second = await cached.verify(`Bearer ${token}`, 'req-2');
    expect(counter.lookups).toBe(1);
    expect(second).toEqual({ ...first, requestId: 'req-2' });
  });

  it('serves a remembered token however the header spells Bearer, and only an exact token', async () => {
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks });
    const token = await key.sign(valid());
    const first = await cached.verify(`bearer   ${token}`, 'r');
    for (const header of [`Bearer ${token}`, `BEARER ${token}`, `Bearer  ${token} `]) expect(await cached.verify(header, 'r')).toEqual(first);
    expect(counter.lookups).toBe(1);
    for (const header of [`Bearer ${token}x`, `Bearer ${token}.`, `Bearer ${token.slice(0, -1)}`, `Bearer x${token}`]) {
      await expect(cached.verify(header, 'r')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('forgets a token when it expires: the cache never extends a token\'s life', async () => {
    let clock = Date.now();
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks, now: () => clock, clockToleranceSec: 0 });
    const token = await key.sign(valid({ exp: Math.floor(clock / 1000) + 60 }));
    await cached.verify(`Bearer ${token}`, 'r');
    clock += 61_000;
    await expect(cached.verify(`Bearer ${token}`, 'r')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(counter.lookups).toBe(2);
  });

  it('checks a token again after the cache\'s maximum age, so a withdrawn key stops being honoured', async () => {
    let clock = Date.now();
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks, now: () => clock, cacheMaxAgeMs: 1_000 });
    const token = await key.sign(valid());
    await cached.verify(`Bearer ${token}`, 'r');
    clock += 1_001;
    await cached.verify(`Bearer ${token}`, 'r');
    expect(counter.lookups).toBe(2);
  });

  it('never caches a refusal: a bad token is checked, and refused, every time', async () => {
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks });
    const token = await otherKey.sign(valid());
    for (let attempt = 0; attempt < 2; attempt += 1) await expect(cached.verify(`Bearer ${token}`, 'r')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(counter.lookups).toBe(2);
  });

  it('holds at most cacheSize tokens, dropping the least recently used', async () => {
    const { jwks, counter } = countingKeySet();
    const cached = createCallerVerifier({ issuer, audience, jwks, cacheSize: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((sub) => key.sign(valid({ sub }))));
    for (const token of tokens) await cached.verify(`Bearer ${token}`, 'r');
    await cached.verify(`Bearer ${tokens[2]}`, 'r');
    await cached.verify(`Bearer ${tokens[0]}`, 'r');
    expect(counter.lookups).toBe(4);
  });
});

function unsecured(claims: JWTPayload): string {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

function hs256(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'test-ES256' }).sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
}
