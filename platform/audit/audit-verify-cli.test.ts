import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.ts';
import { checkpointWriting } from './checkpoint-setup.ts';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { openEmbeddedPostgres, openSqlDatabase, type EmbeddedPostgres, type SqlDatabase } from '../database/index.ts';
import { createTestDatabase } from '../database/test-databases.ts';
import type { AuditEntryInput } from './types.ts';

const run = promisify(execFile);
/**
 * Each test starts several Node processes (and, in one, the embedded server): seconds each on a
 * busy machine, so these tests get room well beyond what they take alone (about 5 s).
 */
const CLI_TEST_TIMEOUT_MS = 120_000;
const root = resolve(import.meta.dirname, '../..');
// Node 24 from the project (it runs TypeScript directly), whatever node runs vitest.
const node = join(root, 'node_modules/.bin/node');
const entry: AuditEntryInput = { requestId: 'r', subject: 'caseworker-1', role: 'agent', organisation: 'DWP', purpose: 'CASE-1', citizens: ['AB123456C'], fields: ['identity.name'], outcome: 'ALLOWED' };

/**
 * A gateway's checkpointing, as configured for `dataDir`: its signing key made there on first
 * use, its public key published there. Signed only at the first commit and at close, never
 * on a timer, so the checkpoints counted below do not depend on how fast the machine is.
 */
async function checkpoints(dataDir: string) {
  return checkpointWriting(loadConfig({ DATA_DIR: dataDir, AUDIT_CHECKPOINT_INTERVAL_MS: '3600000' }).audit.checkpoints, createLogger({ level: 'silent', name: 'audit-verify-test' }));
}

async function auditVerify(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli('bin/audit-verify.ts', [], env);
}

async function cli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(node, [join(root, script), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
  );
}

describe('bin/audit-verify.ts and bin/audit-sql.ts on the embedded server under DATA_DIR', () => {
  let dataDir: string;
  let server: EmbeddedPostgres;
  let database: SqlDatabase;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
    // Started here, as `npm start` would start it.
    server = await openEmbeddedPostgres({ dataDir, port: 0, timeoutMs: 60_000, durable: false, logger: createLogger({ level: 'silent', name: 'audit-verify-test' }) });
    database = openSqlDatabase(server.url);
  });
  afterAll(async () => {
    await database?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('attach to the server the running system started, leave it running, and audit:verify names an entry altered with audit:sql', async () => {
    const signing = await checkpoints(dataDir);
    const log = await createAuditLog({ database, writerId: 'gateway-1', checkpoints: signing });
    for (let i = 0; i < 3; i += 1) await log.record(entry);
    // The first commit is signed at once, but after the commit: wait for its line.
    await expect.poll(() => readFile(signing.file, 'utf8').catch(() => ''), { timeout: 10_000, interval: 20 }).toContain('"seq":1,');
    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({
      code: 0,
      stdout: 'Checked 3 audit entries in 1 chain against 1 signed checkpoint; 2 entries are newer than the last checkpoint and checked by chain and head only.\nOK: every chain is intact.\n',
      stderr: '',
    });

    const altered = await cli('bin/audit-sql.ts', ["UPDATE audit_entry SET organisation = 'NHS' WHERE seq = 2 RETURNING id"], { DATA_DIR: dataDir });
    expect(altered).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(altered.stdout) as Array<{ id: string }>;
    const tampered = await auditVerify({ DATA_DIR: dataDir });
    expect(tampered).toMatchObject({ code: 1, stderr: '' });
    expect(tampered.stdout).toContain(`PROBLEM writer gateway-1, seq 2, entry ${String(rows[0]?.id)}: content does not match its hash`);
    expect(tampered.stdout).toContain('FAILED: 1 problem found.');

    // Both attached: the system's own connection still works.
    await log.record(entry);
    await log.close();
  }, CLI_TEST_TIMEOUT_MS);

  it('start the server when nothing runs, and stop it when done', async () => {
    await database.close();
    await server.close();
    const result = await auditVerify({ DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toContain('Checked 4 audit entries in 1 chain against 2 signed checkpoints.');
    await expect(readFile(join(dataDir, 'postgres', 'cluster', 'postmaster.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(join(dataDir, 'postgres', 'server.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, CLI_TEST_TIMEOUT_MS);
});

describe('bin/audit-verify.ts on DATABASE_URL', () => {
  it('reads DATABASE_URL: exits 0 for an intact log, then 1 naming a deleted entry and a truncation hidden from the head', async () => {
    await using store = await createTestDatabase();
    const database = openSqlDatabase(store.url);
    const gatewayData = await mkdtemp(join(tmpdir(), 'audit-verify-gateway-'));
    // The verifier's machine holds no key files: the public key and the checkpoint file's path come from its environment.
    const verifierData = await mkdtemp(join(tmpdir(), 'audit-verify-verifier-'));
    try {
      const signing = await checkpoints(gatewayData);
      const log = await createAuditLog({ database, writerId: 'gateway-9', checkpoints: signing });
      for (let i = 0; i < 3; i += 1) await log.record(entry);
      await log.close();
      const env = {
        DATABASE_URL: store.url,
        DATA_DIR: verifierData,
        AUDIT_CHECKPOINT_FILE: signing.file,
        AUDIT_VERIFY_KEY: signing.signingKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      };
      const intact = await auditVerify(env);
      expect(intact).toEqual({ code: 0, stdout: 'Checked 3 audit entries in 1 chain against 2 signed checkpoints.\nOK: every chain is intact.\n', stderr: '' });
      await database.query('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE seq = 2)');
      await database.query('DELETE FROM audit_entry WHERE seq = 2');
      const result = await auditVerify(env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/PROBLEM writer gateway-9, seq 3, entry [0-9a-f-]{36}: entries before this one are missing: seq 2 is gone \(deleted\)/);

      await database.query('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE seq = 3)');
      await database.query('DELETE FROM audit_entry WHERE seq = 3');
      await database.query('UPDATE audit_chain_head SET (seq, hash) = (SELECT seq, hash FROM audit_entry WHERE seq = 1)');
      expect(await auditVerify(env)).toEqual({
        code: 1,
        stdout: expect.stringMatching(/^PROBLEM writer gateway-9, seq 1: chain ends at seq 1 but a checkpoint signed at \S+ covers seq 3 \(entries deleted from the end\)\nFAILED: 1 problem found\.$/m),
        stderr: '',
      });
    } finally {
      await database.close();
      await rm(gatewayData, { recursive: true, force: true });
      await rm(verifierData, { recursive: true, force: true });
    }
  }, CLI_TEST_TIMEOUT_MS);

  it('refuses to verify without the public key, rather than skipping the checkpoints', async () => {
    const verifierData = await mkdtemp(join(tmpdir(), 'audit-verify-verifier-'));
    try {
      const result = await auditVerify({ DATABASE_URL: 'postgres://127.0.0.1:1/unused', DATA_DIR: verifierData });
      expect(result).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^audit:verify: could not verify the audit log: no public key for the audit checkpoints at .*public-key\.pem \(set AUDIT_VERIFY_KEY, or AUDIT_VERIFY_KEY_FILE\)\n$/) });
    } finally {
      await rm(verifierData, { recursive: true, force: true });
    }
  }, CLI_TEST_TIMEOUT_MS);
});
