import type { Logger } from '../logging/index.ts';
import { appendCheckpointLine, checkpointLine } from './checkpoint-file.ts';
import type { CheckpointSigningKey } from './signing-key.ts';

export interface CheckpointOptions {
  /** The append-only checkpoint file (config `AUDIT_CHECKPOINT_FILE`). */
  readonly file: string;
  readonly signingKey: CheckpointSigningKey;
  /** Checkpoint once this many entries are uncovered (config `AUDIT_CHECKPOINT_EVERY_ENTRIES`). */
  readonly everyEntries: number;
  /** Or this long after an uncovered commit, whichever comes first; also the retry delay (config `AUDIT_CHECKPOINT_INTERVAL_MS`). */
  readonly intervalMs: number;
  /** While checkpoints fail, records are refused once this many entries are uncovered (config `AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES`). */
  readonly maxUncoveredEntries: number;
  /** Where a failed checkpoint is reported to operators. */
  readonly logger: Logger;
}

export interface ChainTail {
  readonly seq: number;
  readonly hash: string;
}

export interface Checkpointer {
  /** The writer committed up to `tail`: checkpoint it now, or schedule it, without waiting for the file. */
  committed(tail: ChainTail, entries: number): void;
  /** True while so many entries are uncovered that the log must stop accepting more (fail closed). */
  overdue(): boolean;
  /** Writes a last checkpoint of everything committed, so a clean shutdown leaves nothing uncovered. */
  close(): Promise<void>;
}

/**
 * Signs one writer's chain state into the checkpoint file after its commits: at once for the
 * first commit of this process (so a chain is never long without a checkpoint naming it), then
 * once `everyEntries` are uncovered or `intervalMs` after an uncovered commit. One write at a
 * time; commits that land meanwhile are covered by the next. A failed write is logged and
 * retried every `intervalMs`; the commits themselves never wait for the file.
 */
export function createCheckpointer(writerId: string, options: CheckpointOptions, now: () => Date): Checkpointer {
  let latest: ChainTail | undefined;
  // Seq of the newest entry this process has signed; undefined until its first checkpoint lands.
  let signedSeq: number | undefined;
  // Entries this process committed that no checkpoint covers yet.
  let uncovered = 0;
  let failing = false;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const due = () => uncovered > 0 && !failing && (signedSeq === undefined || uncovered >= options.everyEntries);

  function schedule(): void {
    if (timer || closed || uncovered === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, options.intervalMs);
    // A pending checkpoint must not keep the process alive; close() writes the last one.
    timer.unref();
  }

  function flush(): void {
    if (writing || !latest || uncovered === 0) return;
    clearTimeout(timer);
    timer = undefined;
    writing = write(latest).then(() => {
      writing = undefined;
      if (closed) return;
      if (due()) flush();
      else schedule();
    });
  }

  /** Never rejects: a failure is logged, and the next attempt comes from schedule(). */
  async function write(tail: ChainTail): Promise<void> {
    try {
      await appendCheckpointLine(options.file, checkpointLine({ writerId, seq: tail.seq, hash: tail.hash, at: now() }, options.signingKey));
      // Commits that landed while the line was written stay uncovered.
      uncovered = (latest?.seq ?? tail.seq) - tail.seq;
      signedSeq = tail.seq;
      failing = false;
    } catch (error) {
      failing = true;
      options.logger.error(
        { err: error, event: 'AUDIT_CHECKPOINT_FAILED', writerId, uncoveredEntries: uncovered, retryInMs: options.intervalMs },
        'The audit checkpoint could not be written; retrying. Entries since the last checkpoint are not anchored outside the database.',
      );
    }
  }

  return {
    committed(tail, entries) {
      latest = tail;
      uncovered += entries;
      if (due()) flush();
      else schedule();
    },
    overdue: () => uncovered >= options.maxUncoveredEntries,
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await writing;
      if (latest && uncovered > 0) await write(latest);
    },
  };
}
