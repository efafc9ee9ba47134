import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { chmod, chown, link, mkdir, open, readFile, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { freePort } from '../http/index.ts';
import { isRunning } from '../process/index.ts';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { readOrCreateSecretFile } from '../secrets/index.ts';
import type { Logger } from '../logging/index.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { letServerUserIn, serverUser, type RunAs } from './server-user.ts';

const runFile = promisify(execFile);

/** The superuser initdb creates, and the database the system uses. */
const USER = 'citizen_graph';
const DATABASE = 'citizen_graph';
/** Between two looks at a server that is starting or stopping. */
const POLL_MS = 50;

export interface EmbeddedPostgresOptions {
  /** Everything lives in `<dataDir>/postgres`: the cluster, its password, the connection file and the server's log. */
  readonly dataDir: string;
  /** Loopback port if this process starts the server; 0 picks a free one. */
  readonly port: number;
  /** How long to wait for a server to start (initdb included), answer or stop. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** false (tests only): no fsync, so a crash of the machine may lose the cluster. Default true. */
  readonly durable?: boolean;
}

export interface EmbeddedPostgres extends AsyncDisposable {
  /** Connection string for the system's database, with its password. */
  readonly url: string;
  /** Whether this process started the server. Only the starter stops it, on close. */
  readonly started: boolean;
  close(): Promise<void>;
}

/**
 * Real PostgreSQL under `<dataDir>/postgres`, shared by every process of the system. The
 * first process to come starts it (initdb on first use) on loopback, password only, and
 * records itself in `server.json`; any other process finds that file, sees its starter alive
 * and the server answering, and attaches. A server left behind by a starter killed with
 * SIGKILL is stopped and started afresh; a stale `postmaster.pid` is cleared.
 */
export async function openEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const files = layout(options.dataDir);
  // As root the server runs as another user, who must be able to reach the cluster inside.
  await mkdir(files.home, { recursive: true });
  await chmod(files.home, 0o755);
  const password = (await readOrCreateSecretFile(files.password, () => randomBytes(24).toString('base64url'))).trim();
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await claim(files.server)) {
      try {
        return await startServer(options, files, password, deadline);
      } catch (error) {
        await rm(files.server, { force: true });
        throw error;
      }
    }
    const holder = await readServerFile(files.server);
    if (holder && (!isRunning(holder.owner) || (holder.pid !== undefined && !isRunning(holder.pid)))) {
      // Left by a starter that died without closing, or naming a server that is gone (its
      // owner's pid may since have been reused). A server still up is dealt with by the next starter.
      await rm(files.server, { force: true });
      continue;
    }
    if (holder?.port !== undefined) {
      const url = connectionUrl(password, holder.port, DATABASE);
      if ((await probe(url)) === 'answers') {
        options.logger.info({ port: holder.port, starter: holder.owner }, 'attached to the embedded PostgreSQL server');
        const close = async () => {};
        return { url, started: false, close, [Symbol.asyncDispose]: close };
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`The embedded PostgreSQL server started by process ${holder?.owner ?? 'unknown'} did not answer within ${options.timeoutMs} ms`);
    }
    await delay(POLL_MS);
  }
}

interface Layout {
  readonly home: string;
  readonly cluster: string;
  readonly password: string;
  readonly server: string;
  readonly log: string;
}

function layout(dataDir: string): Layout {
  const home = join(dataDir, 'postgres');
  return { home, cluster: join(home, 'cluster'), password: join(home, 'password'), server: join(home, 'server.json'), log: join(home, 'server.log') };
}

/** `server.json`: who started the server, and once it is spawned, its pid and port. */
interface ServerFile {
  readonly owner: number;
  readonly pid?: number;
  readonly port?: number;
}

/** Creates `server.json` naming us, unless it exists: whoever creates it starts the server. */
async function claim(path: string): Promise<boolean> {
  const temporary = await writeTemporary(path, { owner: process.pid });
  try {
    // `link` fails if the name exists, so of several processes starting at once exactly one wins.
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function updateServerFile(path: string, content: ServerFile): Promise<void> {
  await rename(await writeTemporary(path, content), path);
}

async function writeTemporary(path: string, content: ServerFile): Promise<string> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(content), { mode: 0o600, flag: 'wx' });
  return temporary;
}

async function readServerFile(path: string): Promise<ServerFile | undefined> {
  try {
    const content = JSON.parse(await readFile(path, 'utf8')) as ServerFile;
    return Number.isInteger(content.owner) ? content : { owner: 0 };
  } catch (error) {
    // Gone since we looked: try again. Unreadable: treat as left by a dead process.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { owner: 0 };
  }
}

async function startServer(options: EmbeddedPostgresOptions, files: Layout, password: string, deadline: number): Promise<EmbeddedPostgres> {
  const began = performance.now();
  const binaries = await postgresBinaries();
  const runAs = await serverUser();
  await letServerUserIn(options.dataDir, runAs);
  const durable = options.durable ?? true;
  const cold = !(await exists(join(files.cluster, 'PG_VERSION')));
  if (cold) await initCluster(binaries.initdb, files, password, runAs, durable);
  await clearStaleLock(files.cluster, options.logger, deadline);
  const port = options.port || (await freePort());
  const server = await spawnServer(binaries.postgres, files, port, runAs, durable);
  const exited = once(server, 'exit');
  try {
    await updateServerFile(files.server, { owner: process.pid, pid: server.pid!, port });
    await waitUntilAnswering(connectionUrl(password, port, 'postgres'), server, deadline, files.log);
    await createDatabase(connectionUrl(password, port, 'postgres'));
  } catch (error) {
    await stopProcess(server, exited, deadline);
    throw error;
  }
  options.logger.info({ port, cold, ms: Math.round(performance.now() - began) }, 'started the embedded PostgreSQL server');
  // A process that exits without closing (a crash, process.exit) still asks the server to stop.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      process.off('exit', stopOnExit);
      await stopProcess(server, exited, Date.now() + options.timeoutMs);
      await rm(files.server, { force: true });
      options.logger.info({ port }, 'stopped the embedded PostgreSQL server');
    })());
  return { url: connectionUrl(password, port, DATABASE), started: true, close, [Symbol.asyncDispose]: close };
}

async function initCluster(initdb: string, files: Layout, password: string, runAs: RunAs, durable: boolean): Promise<void> {
  // No PG_VERSION: nothing, or what an interrupted initdb left. initdb wants an empty folder.
  await rm(files.cluster, { recursive: true, force: true });
  await mkdir(files.cluster, { mode: 0o700 });
  const passwordFile = join(files.home, `initdb-password.${process.pid}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs.uid !== undefined && runAs.gid !== undefined) {
      await chown(files.cluster, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const args = ['--pgdata', files.cluster, '--username', USER, '--pwfile', passwordFile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C'];
    await runFile(initdb, durable ? args : [...args, '--no-sync'], { ...runAs, env: serverEnv() }).catch((error: { stderr?: string }) => {
      throw new Error(`initdb failed for the embedded PostgreSQL server: ${String(error.stderr ?? error).trim()}`);
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * PostgreSQL refuses to start while `postmaster.pid` names a live process. A server whose
 * starter was killed (no `server.json` owner alive, or we would not be starting) is stopped;
 * a file naming a dead process, or a process that is not our server (pid reused), is removed.
 */
async function clearStaleLock(cluster: string, logger: Logger, deadline: number): Promise<void> {
  const lockFile = join(cluster, 'postmaster.pid');
  const pid = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid)) return;
  const holder = await serverIn(cluster, pid);
  if (holder === 'ours') {
    logger.warn({ pid }, 'stopping an embedded PostgreSQL server whose starter exited without stopping it');
    signal(pid, 'SIGINT');
    while ((await serverIn(cluster, pid)) === 'ours') {
      if (Date.now() > deadline) signal(pid, 'SIGKILL');
      await delay(POLL_MS);
    }
  }
  if (holder !== 'unknown') await rm(lockFile, { force: true });
}

/**
 * Whether `pid` is a postmaster serving `cluster`. Linux tells through /proc (and a process
 * that exited but was never reaped counts as gone); elsewhere PostgreSQL judges the lock itself.
 */
async function serverIn(cluster: string, pid: number): Promise<'ours' | 'other' | 'unknown'> {
  if (!isRunning(pid)) return 'other';
  if (!(await exists('/proc/self/cwd'))) return 'unknown';
  // The postmaster works from inside its data folder.
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  return cwd !== undefined && cwd === (await realpath(cluster)) ? 'ours' : 'other';
}

async function spawnServer(postgres: string, files: Layout, port: number, runAs: RunAs, durable: boolean): Promise<ChildProcess> {
  const log = await open(files.log, 'a', 0o600);
  try {
    const settings = [
      'listen_addresses=127.0.0.1',
      // TCP on loopback only: no socket file to collide with another server on the same port.
      'unix_socket_directories=',
      // Errors only, without the statement or its details: a log never holds citizens' data.
      'log_min_messages=warning',
      'log_min_error_statement=panic',
      'log_error_verbosity=terse',
      ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ];
    const server = spawn(postgres, ['-D', files.cluster, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])], {
      ...runAs,
      env: serverEnv(),
      // Its own process group: Ctrl-C reaches our process, which drains and then stops the
      // server, rather than the server shutting down under in-flight audit writes.
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
    // Stopped by close(); a process that never closes must still be able to exit.
    server.unref();
    return server;
  } finally {
    await log.close();
  }
}

async function waitUntilAnswering(url: string, server: ChildProcess, deadline: number, logPath: string): Promise<void> {
  for (let state = await probe(url); state !== 'answers'; state = await probe(url)) {
    if (state === 'wrong password') {
      throw new Error(`The embedded PostgreSQL cluster does not accept the password kept beside it; remove ${dirname(logPath)} to start afresh`);
    }
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The embedded PostgreSQL server exited while starting (exit code ${String(server.exitCode)}); its log is ${logPath}`);
    }
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL server did not answer in time; its log is ${logPath}`);
    await delay(POLL_MS);
  }
}

async function createDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's fast shutdown: open transactions roll back, clients are disconnected, data is checkpointed. */
async function stopProcess(server: ChildProcess, exited: Promise<unknown>, deadline: number): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGINT');
  const timeout = setTimeout(() => server.kill('SIGKILL'), Math.max(0, deadline - Date.now()));
  try {
    await exited;
  } finally {
    clearTimeout(timeout);
  }
}

/** PostgreSQL's SQLSTATE for a failed password check. */
const INVALID_PASSWORD = '28P01';

async function probe(url: string): Promise<'answers' | 'silent' | 'wrong password'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'answers';
  } catch (error) {
    return (error as { code?: unknown }).code === INVALID_PASSWORD ? 'wrong password' : 'silent';
  } finally {
    await client.end().catch(() => {});
  }
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** PG* variables of the caller's shell must not steer our server. */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG'))), LC_ALL: 'C' };
}

/** Sends a signal to a process that may have exited meanwhile. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
