import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.ts';
import { TEST_BACKENDS } from './test-backends.ts';
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

describe('embedded store under DATA_DIR, and bin/audit-verify.ts on it', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is opened by one process at a time, keeps its chain across restarts, and audit:verify names an entry altered with audit:sql', async () => {
    const log = await createAuditLog({ dataDir, writerId: 'gateway-1' });
    await log.record(entry);
    await log.record(entry);
    const whileOpen = await auditVerify({ DATA_DIR: dataDir });
    expect(whileOpen).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`in use by process ${process.pid}`) });
    await log.close();

    const restarted = await createAuditLog({ dataDir, writerId: 'gateway-1' });
    await restarted.record(entry);
    expect(await restarted.verify()).toEqual({ ok: true, chains: 1, entries: 3, problems: [] });
    await restarted.close();

    const altered = await cli('bin/audit-sql.ts', ["UPDATE audit_entry SET organisation = 'NHS' WHERE seq = 2 RETURNING id"], { DATA_DIR: dataDir });
    expect(altered.code).toBe(0);
    const rows = JSON.parse(altered.stdout) as Array<{ id: string }>;
    const tampered = await auditVerify({ DATA_DIR: dataDir });
    expect(tampered).toMatchObject({ code: 1, stderr: '' });
    expect(tampered.stdout).toContain(`PROBLEM writer gateway-1, seq 2, entry ${String(rows[0]?.id)}: content does not match its hash`);
    expect(tampered.stdout).toContain('FAILED: 1 problem found.');
  });
});

const postgres = TEST_BACKENDS.find((backend) => backend.name.startsWith('PostgreSQL'));

describe.skipIf(!postgres?.available)('bin/audit-verify.ts on PostgreSQL (set TEST_DATABASE_URL to run)', () => {
  it('reads DATABASE_URL: exits 0 for an intact log, then 1 naming a deleted entry', async () => {
    const store = await postgres!.open();
    try {
      const log = await createAuditLog({ database: store.database, writerId: 'gateway-9' });
      for (let i = 0; i < 3; i += 1) await log.record(entry);
      const intact = await auditVerify({ DATABASE_URL: store.databaseUrl ?? '' });
      expect(intact).toEqual({ code: 0, stdout: 'Checked 3 audit entries in 1 chain.\nOK: every chain is intact.\n', stderr: '' });
      await store.database.query('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE seq = 2)');
      await store.database.query('DELETE FROM audit_entry WHERE seq = 2');
      const result = await auditVerify({ DATABASE_URL: store.databaseUrl ?? '' });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/PROBLEM writer gateway-9, seq 3, entry [0-9a-f-]{36}: entries before this one are missing: seq 2 is gone \(deleted\)/);
    } finally {
      await store.close();
    }
  });
});
