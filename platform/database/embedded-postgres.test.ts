import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { openEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
import { openSqlDatabase } from './sql-database.ts';

const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const logger = createLogger({ level: 'silent', name: 'embedded-postgres-test' });

let dataDir: string;
const open = () => openEmbeddedPostgres({ dataDir, port: 0, timeoutMs: 60_000, logger, durable: false });
const serverFile = async () => JSON.parse(await readFile(join(dataDir, 'postgres', 'server.json'), 'utf8')) as { owner: number; pid: number; port: number };
const lockFile = () => join(dataDir, 'postgres', 'cluster', 'postmaster.pid');

/** Alive, and not just a zombie waiting for init to reap it (the state after `(name)` in /proc/<pid>/stat). */
function isRunning(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function query(server: EmbeddedPostgres, sql: string): Promise<Array<Record<string, unknown>>> {
  const db = openSqlDatabase(server.url);
  try {
    return (await db.query(sql)).rows;
  } finally {
    await db.close();
  }
}

/** Another process of the system holding the server, as `npm start` would; returns it once the server answers. */
async function holdInAnotherProcess() {
  const holder = spawn(node, [join(import.meta.dirname, 'fixtures/hold-embedded-postgres.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(holder.stdout, 'data')) as [Buffer];
  expect(line.toString()).toBe('ready\n');
  return holder;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'embedded-postgres-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL server', () => {
  it('starts on first use, lets a second opener attach without stopping it, and stops when its starter closes', async () => {
    const starter = await open();
    expect(starter.started).toBe(true);
    const { pid, owner } = await serverFile();
    expect(owner).toBe(process.pid);
    expect(starter.url).toMatch(/^postgres:\/\/citizen_graph:[^@]+@127\.0\.0\.1:\d+\/citizen_graph$/);
    await query(starter, 'CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES (\'across restarts\')');

    const attached = await open();
    expect(attached).toMatchObject({ started: false, url: starter.url });
    await attached.close();
    expect(await query(attached, 'SELECT value FROM kept')).toEqual([{ value: 'across restarts' }]);

    await starter.close();
    expect(isRunning(pid)).toBe(false);
    await expect(readFile(lockFile())).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(serverFile()).rejects.toMatchObject({ code: 'ENOENT' });

    await using restarted = await open();
    expect(restarted.started).toBe(true);
    expect(await query(restarted, 'SELECT value FROM kept')).toEqual([{ value: 'across restarts' }]);
  });

  it('is attached to by a second process while its starter runs', async () => {
    const holder = await holdInAnotherProcess();
    try {
      await using attached = await open();
      expect(attached.started).toBe(false);
      expect((await serverFile()).owner).toBe(holder.pid);
      expect(await query(attached, 'SELECT value FROM kept')).toEqual([{ value: 'across restarts' }]);
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
  });

  it('stops a server left running by a starter killed with SIGKILL, and starts afresh', async () => {
    // The previous test's holder was killed that way; its server is still up.
    const orphan = await serverFile();
    expect(isRunning(orphan.pid)).toBe(true);
    await using server = await open();
    expect(server.started).toBe(true);
    expect(isRunning(orphan.pid)).toBe(false);
    expect((await serverFile()).owner).toBe(process.pid);
    expect(await query(server, 'SELECT value FROM kept')).toEqual([{ value: 'across restarts' }]);
  });

  it('recovers from a stale postmaster.pid when the server was killed with SIGKILL too', async () => {
    const holder = await holdInAnotherProcess();
    const { pid } = await serverFile();
    process.kill(pid, 'SIGKILL');
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(Number.parseInt(await readFile(lockFile(), 'utf8'), 10)).toBe(pid);

    await using server = await open();
    expect(server.started).toBe(true);
    expect(await query(server, 'SELECT value FROM kept')).toEqual([{ value: 'across restarts' }]);
  });

  it('refuses plainly, and leaves nothing running, when the cluster no longer accepts the password kept beside it', async () => {
    const passwordFile = join(dataDir, 'postgres', 'password');
    const password = await readFile(passwordFile, 'utf8');
    await writeFile(passwordFile, 'not-the-password\n');
    try {
      await expect(open()).rejects.toThrow(/does not accept the password kept beside it/);
      await expect(readFile(lockFile())).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(serverFile()).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await writeFile(passwordFile, password);
    }
  });
});
