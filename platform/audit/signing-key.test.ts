import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf, loadSigningKey, loadVerifyKey, publishVerifyKey } from './signing-key.ts';

describe('the audit checkpoint signing key', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'audit-signing-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('is made once in development, private to its owner, and the same key on every later load', async () => {
    const path = join(folder, 'dev', 'private-key.pem');
    const [first, second] = await Promise.all([loadSigningKey(path, { create: true }), loadSigningKey(path, { create: true })]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(second.keyId).toBe(first.keyId);
    expect((await loadSigningKey(path, { create: false })).keyId).toBe(first.keyId);
  });

  it('is never made up in production: a missing key file is an error', async () => {
    await expect(loadSigningKey(join(folder, 'missing.pem'), { create: false })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a key that is not Ed25519', async () => {
    const path = join(folder, 'ec.pem');
    await writeFile(path, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(loadSigningKey(path, { create: false })).rejects.toThrow(/not an Ed25519 key/);
  });

  it('publishes a public key that a verifier reads from the file, or from one line of base64 in its environment', async () => {
    const key = await loadSigningKey(join(folder, 'publish', 'private-key.pem'), { create: true });
    const file = join(folder, 'publish', 'public-key.pem');
    await publishVerifyKey(file, key);
    expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(keyIdOf(await loadVerifyKey({ file }))).toBe(key.keyId);
    const oneLine = key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(keyIdOf(await loadVerifyKey({ key: oneLine, file: join(folder, 'nowhere.pem') }))).toBe(key.keyId);
  });

  it('tells a verifier without a public key what to set', async () => {
    await expect(loadVerifyKey({ file: join(folder, 'nowhere.pem') })).rejects.toThrow(/no public key for the audit checkpoints at .*nowhere\.pem \(set AUDIT_VERIFY_KEY, or AUDIT_VERIFY_KEY_FILE\)/);
  });
});
