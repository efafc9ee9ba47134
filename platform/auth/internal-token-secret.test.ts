import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateInternalTokenSecret } from './internal-token-secret.ts';

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
