import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';

/**
 * Starting the processes under test: each its own Node process, its output in a log file
 * under the run's folder, pinned to one core with `taskset` when asked and available.
 */
export interface RunningProcess extends AsyncDisposable {
  readonly name: string;
  readonly pid: number;
  readonly logPath: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  /** Node script and its arguments. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Folder for the process's log file. */
  readonly logDir: string;
  /** Any HTTP answer from this URL means the process is ready. */
  readonly readyUrl: string;
  /** Pin to this CPU with taskset (when the machine has taskset). */
  readonly cpu?: number;
  readonly readyTimeoutMs?: number;
}

const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));

/** Whether processes can be pinned to a core here. */
export const canPin = TASKSET !== undefined;

/** A port nothing listens on right now (the OS's choice), for a component that needs its port before it starts. */
export async function spawnProcess(options: SpawnOptions): Promise<RunningProcess> {
  const logPath = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logPath);
  // taskset execs node in its own place, so the pid is node's.
  const [command, args] =
    options.cpu !== undefined && TASKSET ? [TASKSET, ['-c', String(options.cpu), process.execPath, ...options.args]] : [process.execPath, [...options.args]];
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!killed) child.kill('SIGKILL');
    }
    await exited;
    log.end();
  };
  try {
    await waitUntilAnswering(options.readyUrl, options.readyTimeoutMs ?? 120_000, exited);
  } catch (error) {
    await stop();
    const tail = readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`${options.name} did not start: ${(error as Error).message}\n--- ${logPath} ---\n${tail}`);
  }
  return { name: options.name, pid: child.pid!, logPath, stop, [Symbol.asyncDispose]: stop };
}

async function waitUntilAnswering(url: string, timeoutMs: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited');
    try {
      const response = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
      await response.body.dump();
      return;
    } catch {
      await delay(200);
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
