import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { createDevIssuer } from '../platform/auth/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

const ISSUER = 'https://login.example.test/';

// A stand-in for a real identity provider: the development issuer's key, its JWKS served
// over HTTP, so the gateway fetches it as it would a real one.
let jwksServer: Server;
let jwksFetches = 0;
let system: TestSystem;
let dataDir: string;
let auditSigningKey: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'citizen-graph-production-'));
  const issuer = await createDevIssuer({ dataDir, issuer: ISSUER, audience: 'citizen-graph' });
  jwksServer = createServer((_request, response) => {
    jwksFetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(issuer.jwks()));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  // Production never makes its own audit signing key: it is mounted from a secret store.
  auditSigningKey = join(dataDir, 'audit-signing-key.pem');
  writeFileSync(auditSigningKey, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  system = await startTestSystem({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    AUTH_ISSUER: ISSUER,
    AUTH_JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`,
    INTERNAL_TOKEN_SECRET: 'a production secret of at least thirty-two characters',
    AUDIT_SIGNING_KEY_FILE: auditSigningKey,
    NOTIFY_API_KEY: 'citizen_graph_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0',
  });
});
afterAll(async () => {
  await system?.close();
  jwksServer?.closeAllConnections();
  await new Promise((resolve) => jwksServer?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

function codes(result: GraphQLResult): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}

describe('in production mode', () => {
  it('verifies callers against the issuer\'s remote JWKS', async () => {
    const result = await system.graphql('query { citizen(nino: "SC300047C") { name { fullName } } }');
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.citizen.name.fullName).toMatch(/Llewellyn/);
    expect(jwksFetches).toBeGreaterThan(0);
  });

  it('signs audit checkpoints outside the database with the configured key, and publishes its public key for verifiers', async () => {
    const result = await system.graphql('query { citizen(nino: "SC300047C") { name { fullName } } }');
    expect(result.body.errors).toBeUndefined();
    const publicKey = createPublicKey(readFileSync(auditSigningKey, 'utf8'));
    expect(readFileSync(join(dataDir, 'audit-signing', 'public-key.pem'), 'utf8')).toBe(publicKey.export({ format: 'pem', type: 'spki' }));
    const checkpoints = () => readFileSync(join(dataDir, 'audit-checkpoints.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { writerId: string });
    await expect.poll(checkpoints, { timeout: 10_000, interval: 20 }).toContainEqual(expect.objectContaining({ writerId: expect.stringMatching(/^gateway@/) }));
  });

  it('refuses a token its issuer did not sign', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const token = await system.signToken({ iss: ISSUER, aud: 'citizen-graph', sub: 'x', role: 'agent', org: 'DWP', scope: 'citizen:read', iat: now, exp: now + 60 }, {}, privateKey);
    const result = await system.graphql('query { citizen(nino: "SC300047C") { name { fullName } } }', {}, { authorization: `Bearer ${token}`, 'x-purpose': 'CASE-1' });
    expect(result.status).toBe(401);
    expect(result.body.data).toBeUndefined();
  });

  it('does not serve the development issuer\'s keys', async () => {
    const result = await system.send(system.gatewayUrl.replace(/\/graphql$/, '/dev-issuer/.well-known/jwks.json'));
    expect(result.status).toBe(404);
  });

  it('offers no development sign-in and, unless EXPLORER_ENABLED says so, no explorer', async () => {
    const signIn = await system.post(system.gatewayUrl.replace(/\/graphql$/, '/dev-issuer/token'), JSON.stringify({ role: 'agent' }));
    expect(signIn.status).toBe(404);
    expect((await system.send(system.gatewayUrl.replace(/\/graphql$/, '/explorer'))).status).toBe(404);
  });

  it.each([
    ['an analyst', { role: 'analyst' as const }, undefined],
    ['a caseworker', { role: 'agent' as const }, 'CASE-1'],
  ])('refuses introspection to everyone, %s included', async (_case, mint, purpose) => {
    const result = await system.graphql('{ __schema { types { name } } }', {}, await system.as(mint, purpose));
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.text).not.toContain('Citizen');
  });

  it('suggests no field names for a mistyped field', async () => {
    const result = await system.graphql(`query { citizen(nino: "${SHOWCASE.pipClaimant.nino}") { nam bankAcount { sortCode } } }`);
    expect(codes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(result.text).not.toMatch(/Did you mean|"name"|bankAccount/);
  });
});
