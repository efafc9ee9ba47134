import { fork, type ChildProcess } from 'node:child_process';
import type { LoadJob, LoadResult } from './generate.ts';

export type { LoadJob, LoadMode, LoadResult } from './generate.ts';

export interface LoadGenerator extends AsyncDisposable {
  readonly pid: number;
  /** Runs one job to completion in the generator's process; one job at a time. */
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Forks the load generator process (bench/load/worker.ts) and hands it jobs over IPC. Until it
 * is closed, SIGINT or SIGTERM rejects the job in progress: a run spends nearly all its time
 * waiting for one, so the run throws and its `await using` resources (the system, this
 * generator, the database) are disposed on the way out, and killing the benchmark alone
 * leaves nothing it started running. A second signal acts as usual.
 */
export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(new URL('./worker.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onStop: (signal: NodeJS.Signals) => void = () => {};
  const stopRequested = new Promise<never>((_resolve, reject) => {
    onStop = (signal) => reject(new Error(`stopped by ${signal}`));
  });
  // Observed only by the jobs in progress; one stopped between jobs must not crash for it.
  stopRequested.catch(() => {});
  for (const signal of STOP_SIGNALS) process.once(signal, onStop);
  const close = async () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onStop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    pid: child.pid!,
    run: (job) => Promise.race([stopRequested, runJob(job)]),
    close,
    [Symbol.asyncDispose]: close,
  };

  function runJob(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code}) during a job`));
      child.once('exit', onExit);
      child.once('message', (message: { result?: LoadResult; error?: string }) => {
        child.off('exit', onExit);
        if (message.result) resolve(message.result);
        else reject(new Error(`load generator failed: ${message.error}`));
      });
      child.send(job);
    });
  }
}
