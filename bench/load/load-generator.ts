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

export interface StopWatch {
  /** Throws BenchmarkStopped once a stop has come: call it between the steps of a run's preparation. */
  check(): void;
  /** Rejects with BenchmarkStopped when a stop comes: what the job in progress races against. */
  readonly stopped: Promise<never>;
  /** Stops watching: a signal then acts as usual. */
  end(): void;
}

/**
 * Watches a run for a stop (SIGINT, SIGTERM), from its first line to its load generator's
 * close. While it prepares (starting PostgreSQL and the system under test takes 10-30 s), call
 * `check()` after each step; once it generates load, the job in progress rejects. Either way
 * BenchmarkStopped is thrown, so the `await using` resources made so far (the system, the
 * generator, the database) are disposed on the way out and nothing the run started is left
 * running. The first signal ends the watch, so a second one acts as usual.
 */
export function watchForStop(): StopWatch {
  let signalled: (typeof STOP_SIGNALS)[number] | undefined;
  let reject: (error: BenchmarkStopped) => void = () => {};
  const stopped = new Promise<never>((_resolve, rejectStopped) => (reject = rejectStopped));
  // Observed only by the jobs in progress; a stop between jobs must not crash for it.
  stopped.catch(() => {});
  const end = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onStop);
  };
  const onStop = (signal: (typeof STOP_SIGNALS)[number]) => {
    end();
    reportStopQuietly();
    signalled ??= signal;
    reject(new BenchmarkStopped(signal));
  };
  for (const signal of STOP_SIGNALS) process.once(signal, onStop);
  return {
    stopped,
    check() {
      if (signalled !== undefined) throw new BenchmarkStopped(signalled);
    },
    end,
  };
}

/**
 * Forks the load generator process (bench/load/worker.ts) and hands it jobs over IPC. A stop
 * seen by `stop` (the run's own watch, or one of its own) rejects the job in progress: a run
 * spends nearly all its time waiting for one. Closing it ends the watch.
 */
export function startLoadGenerator(stop: StopWatch = watchForStop()): LoadGenerator {
  const child: ChildProcess = fork(new URL('./worker.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const close = async () => {
    stop.end();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    pid: child.pid!,
    run: (job) => Promise.race([stop.stopped, runJob(job)]),
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
