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
/** What a shell reports for a process ended by each signal. */
const STOPPED_EXIT_CODES: Readonly<Record<(typeof STOP_SIGNALS)[number], number>> = { SIGINT: 130, SIGTERM: 143 };

/** The job in progress when the benchmark was told to stop. */
export class BenchmarkStopped extends Error {
  override name = 'BenchmarkStopped';
  readonly signal: (typeof STOP_SIGNALS)[number];
  constructor(signal: (typeof STOP_SIGNALS)[number]) {
    super(`stopped by ${signal}`);
    this.signal = signal;
  }
}

let stopReportedQuietly = false;

/**
 * From the first stop on, a BenchmarkStopped that reaches the top of the run (once its
 * resources are disposed) ends it with one line and the signal's exit code, not a stack
 * trace: being stopped is not a crash. Any other error still ends the run as one.
 */
function reportStopQuietly(): void {
  if (stopReportedQuietly) return;
  stopReportedQuietly = true;
  process.on('uncaughtException', (error) => {
    if (!(error instanceof BenchmarkStopped)) {
      console.error(error);
      process.exit(1);
    }
    console.error(`Benchmark ${error.message}: everything it started has been stopped; no results written.`);
    process.exitCode = STOPPED_EXIT_CODES[error.signal];
  });
}

/** Stops the watch of the run's preparation, if one is on: the load generator watches from here. */
let endPreparationWatch: () => void = () => {};

/**
 * Watches for a stop (SIGINT, SIGTERM) while a run prepares, before its load generator exists:
 * starting PostgreSQL and the system under test takes 10-30 s, and a stop then would otherwise
 * kill the run outright and leave them running. Call `check()` after each step: once a stop has
 * come it throws BenchmarkStopped, so the `await using` resources made so far are disposed on
 * the way out. A second signal acts as usual.
 */
export function watchForStop(): { check(): void } {
  let stopped: (typeof STOP_SIGNALS)[number] | undefined;
  const onStop = (signal: (typeof STOP_SIGNALS)[number]) => {
    reportStopQuietly();
    stopped ??= signal;
  };
  for (const signal of STOP_SIGNALS) process.once(signal, onStop);
  endPreparationWatch = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onStop);
  };
  return {
    check() {
      if (stopped === undefined) return;
      endPreparationWatch();
      throw new BenchmarkStopped(stopped);
    },
  };
}

/**
 * Forks the load generator process (bench/load/worker.ts) and hands it jobs over IPC. Until it
 * is closed, SIGINT or SIGTERM rejects the job in progress: a run spends nearly all its time
 * waiting for one, so the run throws and its `await using` resources (the system, this
 * generator, the database) are disposed on the way out, and killing the benchmark alone
 * leaves nothing it started running. A second signal acts as usual.
 */
export function startLoadGenerator(): LoadGenerator {
  endPreparationWatch();
  const child: ChildProcess = fork(new URL('./worker.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onStop: (signal: (typeof STOP_SIGNALS)[number]) => void = () => {};
  const stopRequested = new Promise<never>((_resolve, reject) => {
    onStop = (signal) => {
      reportStopQuietly();
      reject(new BenchmarkStopped(signal));
    };
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
