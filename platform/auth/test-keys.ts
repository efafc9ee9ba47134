import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** A throwaway asymmetric issuer for tests: its key set, and a signer that takes any claims. */
export interface TestSigningKey {
  readonly jwks: JWTVerifyGetKey;
  sign(claims: JWTPayload, header?: { kid?: string }): Promise<string>;
}

export async function createTestSigningKey(alg: 'ES256' | 'EdDSA' | 'RS256' = 'ES256', kid = `test-${alg}`): Promise<TestSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), alg, kid };
  return {
    jwks: createLocalJWKSet({ keys: [jwk] }),
    sign: (claims, header = {}) => new SignJWT(claims).setProtectedHeader({ alg, kid: header.kid ?? kid }).sign(privateKey),
  };
}
