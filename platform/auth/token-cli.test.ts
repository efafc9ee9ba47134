import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerVerifier } from './caller-verifier.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { loadConfig } from '../config/index.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// Node 24 from the project (it runs TypeScript directly), whatever node runs vitest.
const node = join(root, 'node_modules/.bin/node');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'token-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function token(args: string[], env: Record<string, string> = { AUTH_ISSUER: 'http://issuer.test/dev', AUTH_AUDIENCE: 'cg-test' }) {
  return run(node, [join(root, 'bin/token.ts'), ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env }, cwd: root });
}

describe('bin/token.ts', () => {
  it('prints only a token the configured issuer\'s verifier accepts', async () => {
    const { stdout, stderr } = await token(['--role', 'partner', '--org', 'NHS', '--scope', 'check:healthy-start', '--scope', 'check:free-school-meals', '--sub', 'pharmacy-1', '--ttl', '90']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const issuer = await createDevIssuer({ dataDir, issuer: 'http://issuer.test/dev', audience: 'cg-test' });
    const verifier = createCallerVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksGetter() });
    const principal = await verifier.verify(`Bearer ${stdout.trim()}`, 'r');
    expect(principal).toMatchObject({ subject: 'pharmacy-1', role: 'partner', organisation: 'NHS' });
    expect([...principal.scopes].sort()).toEqual(['check:free-school-meals', 'check:healthy-start']);
  });

  it('prints, with the default settings, a token a gateway started on another PORT accepts', async () => {
    const { stdout } = await token(['--role', 'agent'], {});
    // What the gateway of `PORT=4400 npm start` checks tokens against.
    const config = loadConfig({ PORT: '4400', DATA_DIR: dataDir });
    const issuer = await createDevIssuer({ dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
    const verifier = createCallerVerifier({ issuer: config.auth.issuer, audience: config.auth.audience, jwks: issuer.jwksGetter() });
    await expect(verifier.verify(`Bearer ${stdout.trim()}`, 'r')).resolves.toMatchObject({ role: 'agent' });
  });

  it.each([
    ['no role', [], /usage: token --role/],
    ['a citizen without a NINO', ['--role', 'citizen'], /needs --nino/],
    ['an unknown option', ['--role', 'agent', '--admin'], /Unknown option/],
  ])('exits 1 with a message on stderr and nothing on stdout for %s', async (_case, args, message) => {
    const failure = await token(args).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1, stdout: '' });
    expect(failure?.stderr).toMatch(message);
  });
});
