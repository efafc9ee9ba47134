import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { normaliseNino } from '../auth/index.ts';
import type { SqlDatabase } from '../database/index.ts';
import { AppError } from '../errors/index.ts';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainedEntry } from './chain.ts';
import { createCheckpointer, type ChainTail, type CheckpointOptions } from './checkpointer.ts';
import { createGroupCommit } from './group-commit.ts';
import type { CheckpointAnchors } from './checkpoint-verify.ts';
import { createAuditSchema } from './schema.ts';
import { createAuditReader, type AuditReader } from './audit-reader.ts';
import type { AuditEntry, AuditEntryInput, VerifyReport } from './types.ts';
import { verifyChains } from './verify.ts';

export interface AuditLogOptions {
  /** The PostgreSQL database to write to; the caller keeps ownership and closes it. */
  readonly database: SqlDatabase;
  /** Names this process's chain; give each concurrently running process its own. */
  readonly writerId: string;
  /** Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Sign checkpoints of this writer's chain into a file outside the database; none when absent (a reader, or tests of the chain alone). */
  readonly checkpoints?: CheckpointOptions;
  /** `verify()` holds the chains to the signed checkpoints in this file; default the file and public key of `checkpoints`; the chains alone when neither is given. */
  readonly anchors?: CheckpointAnchors;
  /** Told each `record`'s outcome and how long its caller waited (queueing and commit): the audit write latency metric. */
  readonly observeRecord?: (outcome: 'ok' | 'error', seconds: number) => void;
  /** Told each statement's outcome and how many entries it carried: how far writes are grouped. */
  readonly observeBatch?: (outcome: 'ok' | 'error', entries: number) => void;
  /**
   * How long a write waits for the entries of other requests before it starts, so that under
   * load one statement carries several; each record still resolves only once its entry is
   * committed. It waits only while entries arrive faster than one per two windows (group-commit.ts).
   * Default 0: each write starts at once.
   */
  readonly groupCommitMs?: number;
}

export interface AuditLog extends AuditReader, AsyncDisposable {
  /** Appends one entry to this writer's chain; rejects with AUDIT_UNAVAILABLE if it was not stored, so the caller withholds the data. */
  record(entry: AuditEntryInput): Promise<void>;
  verify(): Promise<VerifyReport>;
  close(): Promise<void>;
}

/** Values per row of the audit_entry insert. */
const COLUMNS = 18;

/** Most entries written in one statement. */
const MAX_BATCH = 500;
/** Batches up to this many entries use a prepared statement (one per size); larger ones are rare. */
const MAX_PREPARED_BATCH = 16;

/**
 * The access audit: append-only, one hash chain per writer, on PostgreSQL. Records from this
 * process are queued so the chain never forks; UNIQUE (writer_id, seq) stops a second process
 * using the same writer id from forking it. Its reads are the audit reader's (audit-reader.ts).
 */
export async function createAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  if (!options.writerId) throw new Error('createAuditLog: writerId is required');
  const db = options.database;
  await createAuditSchema(db);
  const now = options.now ?? (() => new Date());
  const writerId = options.writerId;
  const checkpointer = options.checkpoints ? createCheckpointer(writerId, options.checkpoints, now) : undefined;
  const anchors = options.anchors ?? (options.checkpoints ? { file: options.checkpoints.file, publicKey: options.checkpoints.signingKey.publicKey } : undefined);
  // Unknown until read from the store; forgotten after any failure, since a failed commit may still have landed.
  let tail: ChainTail | undefined;
  // Entries waiting for the writer, and the loop writing them: everything recorded while one
  // transaction commits goes into the next one, so under load one commit carries many entries.
  const pending: Array<{ entry: Omit<AuditEntry, 'id' | 'writerId' | 'seq'>; settle: (error?: unknown) => void }> = [];
  let writing: Promise<void> | undefined;
  const groupCommit = createGroupCommit(options.groupCommitMs ?? 0);
  const startWriting = () => {
    const delayMs = groupCommit.delayMs();
    return delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(writeLoop) : writeLoop();
  };

  async function readTail(): Promise<ChainTail> {
    const { rows } = await db.query<{ seq: unknown; hash: string }>(
      'SELECT seq, hash FROM audit_entry WHERE writer_id = $1 ORDER BY seq DESC LIMIT 1',
      [writerId],
    );
    const last = rows[0];
    return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Chains and stores a batch in one statement: all of it lands, or none of it does. */
  async function appendAll(entries: ReadonlyArray<Omit<AuditEntry, 'id' | 'writerId' | 'seq'>>): Promise<void> {
    try {
      let { seq, hash } = tail ?? (await readTail());
      const chained = entries.map((fields) => {
        const entry: ChainedEntry = { ...fields, id: randomUUID(), writerId, seq: ++seq, prevHash: hash };
        hash = entryHash(entry);
        return { entry, hash };
      });
      // One row per entry in one statement: each round trip to the store costs more than its rows.
      const values = chained.map((_, row) => `(${Array.from({ length: COLUMNS }, (_, column) => `$${row * COLUMNS + column + 1}`).join(', ')})`);
      const params = chained.flatMap(({ entry, hash: entryHashValue }) => [
        entry.id, writerId, entry.seq, entry.at, entry.requestId, entry.subject, entry.role, entry.organisation, entry.purpose ?? null,
        entry.fields, entry.deniedFields, entry.criteria ?? null, entry.operationName ?? null, entry.outcome, entry.prevHash, entryHashValue,
        entry.references, entry.changedFields,
      ]);
      const touched = chained.flatMap(({ entry }) => entry.citizens.map((nino) => [entry.id, nino] as const));
      const citizensAt = params.length + 1;
      const citizenParams = touched.length === 0 ? [] : [touched.map(([id]) => id), touched.map(([, nino]) => nino)];
      const headAt = citizensAt + citizenParams.length;
      // One statement, so one round trip and no BEGIN/COMMIT: PostgreSQL runs a statement
      // atomically, and the citizens' foreign key is checked once the entries are in.
      const citizens = touched.length === 0 ? '' : `, citizens AS (INSERT INTO audit_citizen (entry_id, nino) SELECT * FROM unnest($${citizensAt}::uuid[], $${citizensAt + 1}::text[]))`;
      await db.query(
        `WITH entries AS (
           INSERT INTO audit_entry (id, writer_id, seq, at, request_id, subject, role, organisation, purpose, fields, denied_fields, criteria, operation_name, outcome, prev_hash, hash, check_references, changed_fields)
           VALUES ${values.join(', ')}
         )${citizens}
         INSERT INTO audit_chain_head (writer_id, seq, hash) VALUES ($${headAt}, $${headAt + 1}, $${headAt + 2})
         ON CONFLICT (writer_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
        [...params, ...citizenParams, writerId, seq, hash],
        // Parsed and planned once per connection for the usual small batches: that is about a
        // third of the server's work for each write.
        chained.length <= MAX_PREPARED_BATCH ? { prepareAs: `audit_append_${chained.length}_${touched.length === 0 ? 'alone' : 'citizens'}` } : {},
      );
      tail = { seq, hash };
      checkpointer?.committed(tail, chained.length);
    } catch (error) {
      tail = undefined;
      throw auditUnavailable(error);
    }
  }

  async function writeLoop(): Promise<void> {
    while (pending.length > 0) {
      // Bounded so one statement stays far below PostgreSQL's 65,535 bind parameters.
      const batch = pending.splice(0, MAX_BATCH);
      try {
        await appendAll(batch.map((item) => item.entry));
        options.observeBatch?.('ok', batch.length);
        for (const item of batch) item.settle();
      } catch (error) {
        options.observeBatch?.('error', batch.length);
        for (const item of batch) item.settle(error);
      }
    }
    writing = undefined;
  }

  /** Waits for entries already recorded to be written; the database stays open for its owner. */
  const close = async () => {
    await writing;
    await checkpointer?.close();
  };
  return {
    record(input) {
      // Validated and timed now, so a bad entry fails alone and `at` is when it was recorded.
      let entry: Omit<AuditEntry, 'id' | 'writerId' | 'seq'>;
      try {
        entry = toEntry(input, input.at ?? now());
      } catch (cause) {
        return Promise.reject(auditUnavailable(cause));
      }
      if (checkpointer?.overdue()) {
        return Promise.reject(auditUnavailable(new Error('Too many audit entries are not covered by a signed checkpoint: the checkpoint file cannot be written')));
      }
      const started = performance.now();
      return new Promise<void>((resolve, reject) => {
        const settle = (error?: unknown) => {
          options.observeRecord?.(error === undefined ? 'ok' : 'error', (performance.now() - started) / 1000);
          if (error === undefined) resolve();
          else reject(error);
        };
        pending.push({ entry, settle });
        groupCommit.arrived(started);
        writing ??= startWriting();
      });
    },
    ...createAuditReader(db),
    verify: () => verifyChains(db, anchors),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function toEntry(input: AuditEntryInput, at: Date): Omit<AuditEntry, 'id' | 'writerId' | 'seq'> {
  for (const key of ['requestId', 'subject', 'role', 'organisation'] as const) {
    if (typeof input[key] !== 'string' || input[key] === '') throw new TypeError(`Audit entry needs ${key}`);
  }
  if (input.outcome !== 'ALLOWED' && input.outcome !== 'DENIED') throw new TypeError('Audit entry outcome must be ALLOWED or DENIED');
  if (Number.isNaN(at.getTime())) throw new TypeError('Audit entry time is not a valid date');
  return {
    at,
    requestId: input.requestId,
    subject: input.subject,
    role: input.role,
    organisation: input.organisation,
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    citizens: [...new Set(input.citizens.map(normaliseNino))].sort(),
    fields: [...new Set(input.fields)].sort(),
    deniedFields: [...new Set(input.deniedFields ?? [])].sort(),
    ...(input.searches && input.searches.length > 0 ? { criteria: canonicalJson(input.searches) } : {}),
    references: [...new Set(input.references ?? [])].sort(),
    changedFields: [...new Set(input.changedFields ?? [])].sort(),
    ...(input.operationName !== undefined ? { operationName: input.operationName } : {}),
    outcome: input.outcome,
  };
}

/** Fail closed: the caller withholds the data it was about to return. */
function auditUnavailable(cause: unknown): AppError {
  return new AppError('AUDIT_UNAVAILABLE', 'The access audit could not be written, so no citizen data was returned', { cause });
}
