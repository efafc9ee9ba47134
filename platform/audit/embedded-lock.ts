import { open, readFile, rm } from 'node:fs/promises';

/**
 * Takes an exclusive lock file holding our pid, so only one process opens the embedded store.
 * A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export async function lockEmbeddedStore(lockPath: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && isRunning(holder)) {
      throw new Error(`The embedded audit store is in use by process ${holder}; stop it first, or set DATABASE_URL to use PostgreSQL`);
    }
    await rm(lockPath, { force: true });
  }
  throw new Error('Could not lock the embedded audit store');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
