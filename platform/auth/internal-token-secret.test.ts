import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { internalTokenSecret, loadOrCreateInternalTokenSecret } from './internal-token-secret.ts';

describe('loadOrCreateInternalTokenSecret', () => {
  it('makes one private secret of 32+ bytes and returns the same one to every concurrent caller', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'internal-secret-'));
    try {
      const secrets = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateInternalTokenSecret(dataDir)));
      expect(new Set(secrets).size).toBe(1);
      expect(Buffer.from(secrets[0] ?? '', 'base64url').byteLength).toBe(32);
      expect((await stat(join(dataDir, 'internal-token', 'secret'))).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateInternalTokenSecret(dataDir)).toBe(secrets[0]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('internalTokenSecret', () => {
  it('uses the configured secret, and makes no development one beside it; without one, the development secret under DATA_DIR', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'internal-secret-'));
    try {
      const configured = 'a-configured-secret-of-thirty-two-characters-or-more';
      expect(await internalTokenSecret(loadConfig({ DATA_DIR: dataDir, INTERNAL_TOKEN_SECRET: configured }))).toBe(configured);
      expect(await readdir(dataDir)).toEqual([]);
      const development = await internalTokenSecret(loadConfig({ DATA_DIR: dataDir }));
      expect(development).toBe(await loadOrCreateInternalTokenSecret(dataDir));
      expect(development).not.toBe(configured);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
