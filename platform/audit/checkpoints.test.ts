import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { createAuditLog, type AuditLog, type AuditLogOptions } from './audit-log.ts';
import { entryHash } from './chain.ts';
import { checkpointExistingChains } from './checkpoint-existing.ts';
import { ENTRY_COLUMNS, rowToEntry } from './entry-rows.ts';
import { keyIdOf, loadSigningKey, type CheckpointSigningKey } from './signing-key.ts';
import { openSqlDatabase, type SqlDatabase } from '../database/index.ts';
import { createTestDatabase, type TestDatabase } from '../database/test-databases.ts';
import type { AuditEntryInput, VerifyProblem, VerifyReport } from './types.ts';

const entry: AuditEntryInput = { requestId: 'r', subject: 'caseworker-1', role: 'agent', organisation: 'DWP', purpose: 'CASE-1', citizens: ['AB123456C'], fields: ['identity.name'], outcome: 'ALLOWED' };

/** A clock that moves one second per reading, so entries and checkpoints have distinct times. */
function steppingClock(): () => Date {
  let seconds = 0;
  return () => new Date(Date.UTC(2026, 2, 1, 9, 0, seconds++));
}

interface Line {
  writerId: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

// Generous: a checkpoint is a few file operations, but the machine may be busy.
const POLL = { timeout: 10_000, interval: 20 };

describe('signed checkpoints of the audit chains', () => {
  let store: TestDatabase;
  let database: SqlDatabase;
  let folder: string;
  let file: string;
  let signingKey: CheckpointSigningKey;
  let logLines: string[];
  const opened: AuditLog[] = [];
  const sql = (text: string, params: unknown[] = []) => database.query(text, params);

  const logger = () =>
    createLogger({
      level: 'info',
      name: 'checkpoint-test',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    });

  /** A writer signing checkpoints into `file`: by default only at its first commit and on close, so tests decide what is covered. */
  async function openWriter(checkpoints: Partial<NonNullable<AuditLogOptions['checkpoints']>> = {}, writerId = 'gateway-1'): Promise<AuditLog> {
    const log = await createAuditLog({
      database,
      writerId,
      now: steppingClock(),
      checkpoints: { file, signingKey, everyEntries: 1_000, intervalMs: 60_000, maxUncoveredEntries: 1_000, logger: logger(), ...checkpoints },
    });
    opened.push(log);
    return log;
  }

  /** What an auditor runs: the chains held to the checkpoint file, with the public key only. */
  async function verify(): Promise<VerifyReport> {
    const verifier = await createAuditLog({ database, writerId: 'audit-verify', anchors: { file, publicKey: signingKey.publicKey } });
    try {
      return await verifier.verify();
    } finally {
      await verifier.close();
    }
  }

  async function lines(): Promise<Line[]> {
    const text = await readFile(file, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line);
  }

  const signedSeqs = async (writerId = 'gateway-1') => (await lines()).filter((line) => line.writerId === writerId).map((line) => line.seq);
  const record = async (log: AuditLog, count: number) => {
    for (let i = 0; i < count; i += 1) await log.record(entry);
  };

  beforeAll(async () => {
    store = await createTestDatabase();
    database = openSqlDatabase(store.url);
    folder = await mkdtemp(join(tmpdir(), 'audit-checkpoints-'));
    signingKey = await loadSigningKey(join(folder, 'signing-key.pem'), { create: true });
  });
  beforeEach(async () => {
    await sql('DROP TABLE IF EXISTS audit_citizen, audit_entry, audit_chain_head');
    file = join(folder, randomUUID(), 'checkpoints.jsonl');
    logLines = [];
  });
  afterEach(async () => {
    for (const log of opened.splice(0)) await log.close();
  });
  afterAll(async () => {
    await database.close();
    await store.drop();
    await rm(folder, { recursive: true, force: true });
  });

  describe('writing', () => {
    it('signs the first commit at once, then every AUDIT_CHECKPOINT_EVERY_ENTRIES entries, and the last on close', async () => {
      const log = await openWriter({ everyEntries: 3 });
      await log.record(entry);
      await expect.poll(signedSeqs, POLL).toEqual([1]);
      await record(log, 3);
      await expect.poll(signedSeqs, POLL).toEqual([1, 4]);
      await record(log, 2);
      expect(await signedSeqs()).toEqual([1, 4]);
      await log.close();
      expect(await signedSeqs()).toEqual([1, 4, 6]);
      const { rows } = await sql('SELECT seq, hash FROM audit_entry ORDER BY seq');
      const hashes = new Map(rows.map((row) => [Number(row.seq), row.hash]));
      for (const line of await lines()) {
        expect(line).toMatchObject({ writerId: 'gateway-1', hash: hashes.get(line.seq), keyId: keyIdOf(signingKey.publicKey), signature: expect.stringMatching(/^[\w-]{86}$/) });
      }
      expect(await verify()).toEqual({ ok: true, chains: 1, entries: 6, checkpoints: { signed: 3, uncoveredEntries: 0 }, problems: [] });
    });

    it('signs an uncovered entry AUDIT_CHECKPOINT_INTERVAL_MS after its commit, with no commit after it', async () => {
      const log = await openWriter({ intervalMs: 30 });
      await record(log, 2);
      await expect.poll(signedSeqs, POLL).toEqual([1, 2]);
    });

    it('lets many writers append to one file without tearing a line', async () => {
      const writers = await Promise.all(['gateway-a', 'gateway-b', 'gateway-c'].map((id) => openWriter({ everyEntries: 1 }, id)));
      await Promise.all(writers.map((log) => Promise.all(Array.from({ length: 15 }, () => log.record(entry)))));
      for (const log of writers) await log.close();
      const report = await verify();
      expect(report).toMatchObject({ ok: true, chains: 3, entries: 45, checkpoints: { uncoveredEntries: 0 } });
      for (const id of ['gateway-a', 'gateway-b', 'gateway-c']) expect((await signedSeqs(id)).at(-1)).toBe(15);
    });

    it('keeps recording while the file cannot be written, logs each failure, refuses once too much is uncovered, and recovers', async () => {
      await mkdir(file, { recursive: true }); // a folder where the file should be: every append fails
      const log = await openWriter({ intervalMs: 30, maxUncoveredEntries: 3 });
      await record(log, 3);
      await expect(log.record(entry)).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      await expect.poll(() => logLines.filter((line) => line.includes('AUDIT_CHECKPOINT_FAILED')).length, POLL).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(logLines[0] ?? '{}')).toMatchObject({ level: 50, writerId: 'gateway-1', err: { code: 'EISDIR' } });

      await rm(file, { recursive: true });
      await expect.poll(signedSeqs, POLL).toEqual([3]);
      // The line is in the file a moment before the writer counts it written.
      await expect.poll(() => log.record(entry).then(() => true, () => false), POLL).toBe(true);
      expect(await sql('SELECT count(*)::int AS n FROM audit_entry')).toMatchObject({ rows: [{ n: 4 }] });
    });
  });

  describe('chains written before checkpoints existed', () => {
    it('are reported until audit:checkpoint signs them, which it does only for intact chains', async () => {
      const unsigned = await createAuditLog({ database, writerId: 'identity@old-host' });
      await record(unsigned, 3);
      await unsigned.close();
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, '');
      expect((await verify()).problems).toEqual([{ writerId: 'identity@old-host', problem: expect.stringMatching(/no signed checkpoint covers this chain/) }]);

      await sql("UPDATE audit_entry SET organisation = 'NHS' WHERE seq = 2");
      expect(await checkpointExistingChains(database, { file, signingKey })).toMatchObject({ report: { ok: false }, signed: 0 });
      await sql("UPDATE audit_entry SET organisation = 'DWP' WHERE seq = 2");

      expect(await checkpointExistingChains(database, { file, signingKey })).toMatchObject({ report: { ok: true }, signed: 1 });
      expect(await verify()).toEqual({ ok: true, chains: 1, entries: 3, checkpoints: { signed: 1, uncoveredEntries: 0 }, problems: [] });
    });
  });

  describe('audit:verify catches what someone able to write the database does, except in the window after the last checkpoint', () => {
    // Checkpoints at seq 7 (the first writer's close) and 8 (the restarted writer's first commit); 9 and 10 are the uncovered window.
    beforeEach(async () => {
      const first = await openWriter();
      await record(first, 7);
      await first.close();
      const restarted = await openWriter();
      await record(restarted, 3);
      await expect.poll(signedSeqs, POLL).toEqual([1, 7, 8]);
    });

    async function deleteFrom(seq: number): Promise<void> {
      await sql('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE seq >= $1)', [seq]);
      await sql('DELETE FROM audit_entry WHERE seq >= $1', [seq]);
    }
    async function rewriteHeadToEnd(): Promise<void> {
      await sql("UPDATE audit_chain_head h SET seq = e.seq, hash = e.hash FROM audit_entry e WHERE e.writer_id = h.writer_id AND e.seq = (SELECT max(seq) FROM audit_entry)");
    }
    /** Alters one entry and re-hashes it and everything after it, head included, exactly as the writer would have. */
    async function rehashFrom(seq: number): Promise<void> {
      const { rows } = await sql(`SELECT ${ENTRY_COLUMNS} FROM audit_entry e ORDER BY e.seq`);
      let previousHash: string | undefined;
      for (const stored of rows.map(rowToEntry)) {
        if (stored.seq < seq) {
          previousHash = stored.hash;
          continue;
        }
        const altered = { ...stored, organisation: stored.seq === seq ? 'NOBODY' : stored.organisation, prevHash: previousHash ?? stored.prevHash };
        previousHash = entryHash(altered);
        await sql('UPDATE audit_entry SET organisation = $2, prev_hash = $3, hash = $4 WHERE id = $1', [stored.id, altered.organisation, altered.prevHash, previousHash]);
      }
      await rewriteHeadToEnd();
    }

    it('passes an untouched log and says how many entries the checkpoints do not cover yet', async () => {
      expect(await verify()).toEqual({ ok: true, chains: 1, entries: 10, checkpoints: { signed: 3, uncoveredEntries: 2 }, problems: [] });
    });

    const attacks: Array<[string, () => Promise<void>, Array<Partial<VerifyProblem>>]> = [
      ['truncation into checkpointed entries', () => deleteFrom(6), [
        { seq: 5, problem: expect.stringMatching(/ends at seq 5 but its head records seq 10/) },
        { seq: 5, problem: expect.stringMatching(/ends at seq 5 but a checkpoint signed at .* covers seq 8 \(entries deleted from the end\)/) },
      ]],
      ['truncation inside the window (the head check alone sees it)', () => deleteFrom(9), [
        { seq: 8, problem: expect.stringMatching(/ends at seq 8 but its head records seq 10/) },
      ]],
      ['truncation with the head rewritten, into checkpointed entries', async () => {
        await deleteFrom(6);
        await rewriteHeadToEnd();
      }, [{ seq: 5, problem: expect.stringMatching(/covers seq 8 \(entries deleted from the end\)/) }]],
      ['truncation with the head rewritten, inside the window (not detectable)', async () => {
        await deleteFrom(9);
        await rewriteHeadToEnd();
      }, []],
      ['an entry altered and the chain re-hashed from a checkpointed entry', () => rehashFrom(4), [
        { seq: 7, problem: expect.stringMatching(/hash differs from the one signed in the checkpoint of .* \(chain altered and re-hashed at or before this entry\)/) },
      ]],
      ['an entry altered and the chain re-hashed inside the window (not detectable)', () => rehashFrom(9), []],
    ];

    it.each(attacks)('%s', async (_attack, attack, expected) => {
      await attack();
      const report = await verify();
      expect(report.problems).toEqual(expected.map((problem) => expect.objectContaining({ writerId: 'gateway-1', ...problem })));
      expect(report.ok).toBe(expected.length === 0);
    });

    it('still catches a chain re-hashed while its writer was stopped, after the restarted writer signed the rewritten chain', async () => {
      for (const log of opened.splice(0)) await log.close();
      await rehashFrom(4);
      const restarted = await openWriter();
      await restarted.record(entry);
      await expect.poll(signedSeqs, POLL).toEqual([1, 7, 8, 10, 11]);
      expect((await verify()).problems).toEqual([expect.objectContaining({ writerId: 'gateway-1', seq: 7, problem: expect.stringMatching(/chain altered and re-hashed/) })]);
    });

    it('catches a whole chain deleted, head and all, from its checkpoints', async () => {
      await deleteFrom(1);
      await sql('DELETE FROM audit_chain_head');
      expect((await verify()).problems).toEqual([
        { writerId: 'gateway-1', problem: expect.stringMatching(/no head record/) },
        { writerId: 'gateway-1', seq: 0, problem: expect.stringMatching(/covers seq 8/) },
      ]);
    });

    it('names a checkpoint line that was forged, altered, signed by another key or torn', async () => {
      const [, , last] = await lines();
      const other = generateKeyPairSync('ed25519');
      await appendFile(file, `${JSON.stringify({ ...last, seq: 10 })}\n${JSON.stringify({ ...last, keyId: keyIdOf(other.publicKey) })}\n{"writerId":"gateway-1","seq":\n`);
      expect((await verify()).problems).toEqual([
        { checkpointLine: 4, writerId: 'gateway-1', problem: 'checkpoint signature does not verify (line forged or altered)' },
        { checkpointLine: 5, writerId: 'gateway-1', problem: expect.stringMatching(/^checkpoint signed by another key \(key id [0-9a-f]{16}, expected [0-9a-f]{16}\)$/) },
        { checkpointLine: 6, problem: 'not a checkpoint (not JSON: a torn or edited line)' },
      ]);
    });

    it('says so when the checkpoint file is deleted', async () => {
      await rm(file);
      expect((await verify()).problems).toEqual([
        { problem: expect.stringMatching(/checkpoint file .* does not exist \(deleted/) },
        { writerId: 'gateway-1', problem: expect.stringMatching(/no signed checkpoint covers this chain/) },
      ]);
    });

    it('says so when every line of a writer was removed from the file', async () => {
      await writeFile(file, '');
      expect((await verify()).problems).toEqual([{ writerId: 'gateway-1', problem: expect.stringMatching(/no signed checkpoint covers this chain/) }]);
    });
  });
});
