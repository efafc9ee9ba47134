import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.ts';
import { createLogger } from '../logging/index.ts';
import { openEmbeddedPostgres, openSqlDatabase, type EmbeddedPostgres, type SqlDatabase } from '../database/index.ts';
import { createTestDatabase } from '../database/test-databases.ts';
import type { AuditEntryInput } from './types.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// Node 24 from the project (it runs TypeScript directly), whatever node runs vitest.
const node = join(root, 'node_modules/.bin/node');
const entry: AuditEntryInput = { requestId: 'r', subject: 'caseworker-1', role: 'agent', organisation: 'DWP', purpose: 'CASE-1', citizens: ['AB123456C'], fields: ['identity.name'], outcome: 'ALLOWED' };

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
    const log = await createAuditLog({ database, writerId: 'gateway-1' });
    for (let i = 0; i < 3; i += 1) await log.record(entry);
    expect(await auditVerify({ DATA_DIR: dataDir })).toEqual({ code: 0, stdout: 'Checked 3 audit entries in 1 chain.\nOK: every chain is intact.\n', stderr: '' });

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
  });

  it('start the server when nothing runs, and stop it when done', async () => {
    await database.close();
    await server.close();
    const result = await auditVerify({ DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toContain('Checked 4 audit entries in 1 chain.');
    await expect(readFile(join(dataDir, 'postgres', 'cluster', 'postmaster.pid'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(join(dataDir, 'postgres', 'server.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('bin/audit-verify.ts on DATABASE_URL', () => {
  it('reads DATABASE_URL: exits 0 for an intact log, then 1 naming a deleted entry', async () => {
    await using store = await createTestDatabase();
    const database = openSqlDatabase(store.url);
    try {
      const log = await createAuditLog({ database, writerId: 'gateway-9' });
      for (let i = 0; i < 3; i += 1) await log.record(entry);
      const intact = await auditVerify({ DATABASE_URL: store.url });
      expect(intact).toEqual({ code: 0, stdout: 'Checked 3 audit entries in 1 chain.\nOK: every chain is intact.\n', stderr: '' });
      await database.query('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE seq = 2)');
      await database.query('DELETE FROM audit_entry WHERE seq = 2');
      const result = await auditVerify({ DATABASE_URL: store.url });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/PROBLEM writer gateway-9, seq 3, entry [0-9a-f-]{36}: entries before this one are missing: seq 2 is gone \(deleted\)/);
    } finally {
      await database.close();
    }
  });
});
