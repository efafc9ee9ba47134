import { fork, type ChildProcess } from 'node:child_process';
import type { LoadJob, LoadResult } from './generate.ts';

export type { LoadJob, LoadMode, LoadResult } from './generate.ts';

export interface LoadGenerator extends AsyncDisposable {
  readonly pid: number;
  /** Runs one job to completion in the generator's process; one job at a time. */
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Forks the load generator process (bench/load/worker.ts) and hands it jobs over IPC. */
export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(new URL('./worker.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    pid: child.pid!,
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${code}) during a job`));
        child.once('exit', onExit);
        child.once('message', (message: { result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (message.result) resolve(message.result);
          else reject(new Error(`load generator failed: ${message.error}`));
        });
        child.send(job);
      }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
