import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { entryHash } from './chain.ts';
import { rowToEntry, ENTRY_COLUMNS } from './entry-rows.ts';
import { openSqlDatabase, type SqlDatabase } from '../database/index.ts';
import { createTestDatabase, type TestDatabase } from '../database/test-databases.ts';
import type { AuditEntryInput, VerifyProblem } from './types.ts';

const A = 'AB123456C';
const B = 'CE654321A';

function access(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    requestId: 'req-1',
    subject: 'caseworker-17',
    role: 'agent',
    organisation: 'DWP',
    purpose: 'CASE-1',
    citizens: [A],
    fields: ['identity.name', 'bank.accountNumber'],
    operationName: 'SingleView',
    outcome: 'ALLOWED',
    ...overrides,
  };
}

/** A clock that moves one minute per reading from 2026-03-01T09:00Z. */
function steppingClock(): () => Date {
  let minutes = 0;
  return () => new Date(Date.UTC(2026, 2, 1, 9, minutes++));
}

describe('audit log', () => {
  let store: TestDatabase;
  let database: SqlDatabase;
  const open = (writerId = 'gateway-1', now = steppingClock()) => createAuditLog({ database, writerId, now });
  const sql = (text: string, params: unknown[] = []) => database.query(text, params);
  const idOf = async (writerId: string, seq: number) => String((await sql('SELECT id FROM audit_entry WHERE writer_id = $1 AND seq = $2', [writerId, seq])).rows[0]?.id);
  const recordMany = async (log: AuditLog, count: number) => {
    for (let i = 1; i <= count; i += 1) await log.record(access({ requestId: `req-${i}` }));
  };

  beforeAll(async () => {
    store = await createTestDatabase();
    database = openSqlDatabase(store.url);
  });
  beforeEach(async () => {
    await sql('DROP TABLE IF EXISTS audit_citizen, audit_entry, audit_chain_head');
  });
  afterAll(async () => {
    await database.close();
    await store.drop();
  });

  describe('record', () => {
    it('stores every field of an entry, with NINOs normalised and fields de-duplicated', async () => {
      const log = await open();
      await log.record(access({ citizens: ['ab 12 34 56 c', B, A], fields: ['bank.accountNumber', 'identity.name', 'bank.accountNumber'], at: new Date('2026-02-03T04:05:06.789Z') }));
      const page = await log.byCitizen(A);
      expect(page.items).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          writerId: 'gateway-1',
          seq: 1,
          at: new Date('2026-02-03T04:05:06.789Z'),
          requestId: 'req-1',
          subject: 'caseworker-17',
          role: 'agent',
          organisation: 'DWP',
          purpose: 'CASE-1',
          citizens: [A, B],
          fields: ['bank.accountNumber', 'identity.name'],
          deniedFields: [],
          references: [],
          changedFields: [],
          operationName: 'SingleView',
          outcome: 'ALLOWED',
        },
      ]);
    });

    it('keeps the fields a request was refused apart from those it was served, inside the chain', async () => {
      const log = await open();
      await log.record(access({ fields: ['identity.name'], deniedFields: ['bank.Citizen.bankAccount', 'bank.Citizen.bankAccount'] }));
      const [entry] = (await log.byCitizen(A)).items;
      expect(entry).toMatchObject({ fields: ['identity.name'], deniedFields: ['bank.Citizen.bankAccount'] });
      expect(await log.verify()).toMatchObject({ ok: true });
    });

    it('keeps the names of the fields a change changed, inside the chain', async () => {
      const log = await open();
      await log.record(access({ fields: ['changes.Mutation.reportAddressChange'], changedFields: ['changes.address', 'changes.address'] }));
      const [entry] = (await log.byCitizen(A)).items;
      expect(entry).toMatchObject({ changedFields: ['changes.address'] });
      expect(await log.verify()).toMatchObject({ ok: true });
    });

    it('stores an entry with no purpose, operation or citizens', async () => {
      const log = await open();
      await log.record(access({ purpose: undefined, operationName: undefined, citizens: [], outcome: 'DENIED', subject: 'anon' }));
      const [entry] = (await log.byActor('anon')).items;
      expect(entry).toMatchObject({ citizens: [], outcome: 'DENIED' });
      expect(entry).not.toHaveProperty('purpose');
      expect(entry).not.toHaveProperty('operationName');
      expect(await log.verify()).toMatchObject({ ok: true });
    });

    it('chains entries: seq from 1, each prev_hash the hash of the one before', async () => {
      const log = await open();
      await recordMany(log, 3);
      const { rows } = await sql(`SELECT ${ENTRY_COLUMNS} FROM audit_entry e ORDER BY e.seq`);
      const entries = rows.map(rowToEntry);
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(entries[0]?.prevHash).toBe('0'.repeat(64));
      expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
      expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
      for (const entry of entries) expect(entryHash(entry)).toBe(entry.hash);
      expect(await log.verify()).toEqual({ ok: true, chains: 1, entries: 3, problems: [] });
    });

    it('serialises concurrent records so the chain never forks', async () => {
      const log = await open();
      await Promise.all(Array.from({ length: 40 }, (_, i) => log.record(access({ requestId: `req-${i}` }))));
      const { rows } = await sql('SELECT seq FROM audit_entry ORDER BY seq');
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await log.verify()).toMatchObject({ ok: true, entries: 40 });
    });

    it('with a group commit window, stores entries recorded close together in one statement, each answered only once stored', async () => {
      const statementsFor = async (groupCommitMs: number) => {
        await sql('DROP TABLE IF EXISTS audit_citizen, audit_entry, audit_chain_head');
        let appends = 0;
        const counting: SqlDatabase = {
          ...database,
          query: (text, params, options) => {
            if (text.includes('INSERT INTO audit_entry')) appends += 1;
            return database.query(text, params, options);
          },
        };
        const log = await createAuditLog({ database: counting, writerId: 'gateway-1', now: steppingClock(), groupCommitMs });
        // Entries already coming close together, as under load: the window is worth waiting.
        for (let i = 0; i < 3; i += 1) await log.record(access({ requestId: `earlier-${i}` }));
        appends = 0;
        const first = log.record(access({ requestId: 'req-1' }));
        // The next request's entry comes a turn of the event loop later, as it would under load.
        await new Promise((resolve) => setImmediate(resolve));
        const second = log.record(access({ requestId: 'req-2' }));
        await first;
        expect((await sql("SELECT count(*)::int AS n FROM audit_entry WHERE request_id = 'req-1'")).rows[0]?.n).toBe(1);
        await second;
        expect(await log.verify()).toMatchObject({ ok: true, entries: 5 });
        return appends;
      };
      expect(await statementsFor(200)).toBe(1);
      expect(await statementsFor(0)).toBe(2);
    });

    it('does not hold a lone entry for the group commit window', async () => {
      // A minute's window: waited, the record would outlast the test's own timeout.
      const log = await createAuditLog({ database, writerId: 'gateway-1', now: steppingClock(), groupCommitMs: 60_000 });
      await log.record(access());
      expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
    });

    it('keeps one chain per writer', async () => {
      const first = await open('gateway-1');
      const second = await open('gateway-2');
      await Promise.all([recordMany(first, 3), recordMany(second, 2)]);
      expect(await first.verify()).toEqual({ ok: true, chains: 2, entries: 5, problems: [] });
    });

    it('continues a chain left by an earlier process', async () => {
      await recordMany(await open(), 2);
      const restarted = await open();
      await restarted.record(access());
      expect(await restarted.verify()).toMatchObject({ ok: true, entries: 3 });
    });

    it('refuses to fork when two processes share a writer id, then carries on from the stored chain', async () => {
      const one = await open();
      const other = await open();
      await one.record(access());
      await other.record(access());
      await expect(one.record(access())).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      await one.record(access());
      expect(await one.verify()).toMatchObject({ ok: true, entries: 3 });
    });

    it('fails closed: rejects with AUDIT_UNAVAILABLE and leaves nothing half-written when the store fails', async () => {
      const log = await open();
      await log.record(access());
      await sql('DROP TABLE audit_citizen');
      const failure = await log.record(access({ requestId: 'req-2' })).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.not.stringContaining(A) });
      expect((await sql('SELECT count(*)::int AS n FROM audit_entry')).rows[0]?.n).toBe(1);
    });

    it('rejects an entry missing who made the request', async () => {
      const log = await open();
      await expect(log.record(access({ subject: '' }))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    });
  });

  describe('reading', () => {
    it('shows a citizen who accessed their record: allowed accesses only, organisation, role, when and purpose, newest first, paged', async () => {
      const log = await open();
      await log.record(access({ requestId: 'r1', organisation: 'DWP', purpose: 'CASE-1' }));
      await log.record(access({ requestId: 'r2', organisation: 'NHS', role: 'partner', purpose: undefined, citizens: [A, B] }));
      await log.record(access({ requestId: 'r3', outcome: 'DENIED', purpose: 'CASE-X' }));
      await log.record(access({ requestId: 'r4', citizens: [B], purpose: 'OTHER' }));
      await log.record(access({ requestId: 'r5', organisation: 'DVLA', role: 'partner', purpose: 'CHK' }));

      const first = await log.accessHistory('ab123456c', { first: 2 });
      expect(first.items).toEqual([
        { organisation: 'DVLA', role: 'partner', at: new Date('2026-03-01T09:04:00Z'), purpose: 'CHK' },
        { organisation: 'NHS', role: 'partner', at: new Date('2026-03-01T09:01:00Z') },
      ]);
      expect(first.hasNextPage).toBe(true);
      const second = await log.accessHistory(A, { first: 2, after: first.endCursor });
      expect(second.items).toEqual([{ organisation: 'DWP', role: 'agent', at: new Date('2026-03-01T09:00:00Z'), purpose: 'CASE-1' }]);
      expect(second.hasNextPage).toBe(false);
    });

    it('shows a citizen one access per request, however many subgraphs recorded it', async () => {
      const log = await open();
      const other = await open('gateway-2');
      await log.record(access({ requestId: 'r1', purpose: 'CASE-1' }));
      await other.record(access({ requestId: 'r1', purpose: 'CASE-1', fields: ['bank.accountNumber'] }));
      await log.record(access({ requestId: 'r2', purpose: 'CASE-2' }));
      await other.record(access({ requestId: 'r2', purpose: 'CASE-2', citizens: [B] }));
      const history = await log.accessHistory(A);
      expect(history.items.map((item) => item.purpose)).toEqual(['CASE-2', 'CASE-1']);
      expect((await log.accessHistory(A, { first: 1, after: (await log.accessHistory(A, { first: 1 })).endCursor })).items.map((item) => item.purpose)).toEqual(['CASE-1']);
      expect((await log.byCitizen(A)).items).toHaveLength(3);
    });

    it('pages through ties in time without skipping or repeating', async () => {
      const log = await open('gateway-1', () => new Date('2026-03-01T09:00:00Z'));
      await recordMany(log, 7);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await log.byCitizen(A, { first: 3, ...(after ? { after } : {}) });
        seen.push(...page.items.map((e) => e.requestId));
        after = page.hasNextPage ? page.endCursor : undefined;
      } while (after);
      expect(seen.sort()).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5', 'req-6', 'req-7']);
    });

    it('finds the entry of a disputed partner check by its reference, which the chain covers', async () => {
      const log = await open();
      const reference = '5b0e7c1a-2f9d-4e3b-8a61-0c4d2e9f7b13';
      await log.record(access({ requestId: 'r0', references: ['0d6f3c2b-1a4e-4f5d-9b8c-7e6a5d4c3b2a'] }));
      await log.record(access({ requestId: 'r1', references: [reference] }));
      await log.record(access({ requestId: 'r2' }));
      const found = await log.byReference(reference.toUpperCase());
      expect(found.items.map((entry) => [entry.requestId, entry.references])).toEqual([['r1', [reference]]]);
      expect((await log.byReference('6c1f8d2b-3a0e-4f4c-9b72-1d5e3f0a8c24')).items).toEqual([]);
      expect(await log.verify()).toMatchObject({ ok: true });
      await sql("UPDATE audit_entry SET check_references = '{}' WHERE request_id = 'r1'");
      expect(await log.verify()).toMatchObject({ ok: false });
    });

    it('lets an auditor search by actor and by time range (from inclusive, to exclusive)', async () => {
      const log = await open();
      await log.record(access({ subject: 'caseworker-1', requestId: 'r0' }));
      await log.record(access({ subject: 'caseworker-2', requestId: 'r1' }));
      await log.record(access({ subject: 'caseworker-1', requestId: 'r2' }));
      await log.record(access({ subject: 'caseworker-2', requestId: 'r3' }));
      expect((await log.byActor('caseworker-1')).items.map((e) => e.requestId)).toEqual(['r2', 'r0']);
      const range = await log.byTimeRange(new Date('2026-03-01T09:01:00Z'), new Date('2026-03-01T09:03:00Z'));
      expect(range.items.map((e) => e.requestId)).toEqual(['r2', 'r1']);
      await expect(log.byTimeRange(new Date('not a date'), new Date())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });

    // Each of these reached the store before, which failed with its parameters in the error.
    it.each([
      ['a year-0 start', (log: AuditLog) => log.byTimeRange(new Date('0000-01-01T00:00:00Z'), new Date())],
      ['the last moment a JavaScript Date can hold', (log: AuditLog) => log.byTimeRange(new Date(), new Date(8.64e15))],
      ['an actor holding a NUL character', (log: AuditLog) => log.byActor('caseworker\u0000-1')],
      ['an empty actor', (log: AuditLog) => log.byActor('')],
      ['a reference that is not a UUID', (log: AuditLog) => log.byReference("x' OR 1=1")],
      ['a cursor holding year -271821', (log: AuditLog) => log.byCitizen(A, { after: Buffer.from('["-271821-04-20T00:00:00.000Z","3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b"]').toString('base64url') })],
    ])('refuses %s with INVALID_ARGUMENT before any query', async (_case, search) => {
      await expect(search(await open())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });

    it.each([
      [{ first: 0 }, /first/],
      [{ first: 101 }, /first/],
      [{ first: 2.5 }, /first/],
      [{ after: 'not-a-cursor' }, /cursor/],
      [{ after: Buffer.from('["2026-01-01T00:00:00Z","x; DROP TABLE audit_entry"]').toString('base64url') }, /cursor/],
    ])('rejects page request %o with INVALID_ARGUMENT', async (request, message) => {
      const log = await open();
      await expect(log.byCitizen(A, request)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    });
  });

  describe('verify names each kind of tampering', () => {
    const tampering: [string, (w: string) => Promise<void>, (ids: string[]) => Partial<VerifyProblem>[]][] = [
      ['an altered column', (w) => sql(`UPDATE audit_entry SET purpose = 'FORGED' WHERE writer_id = $1 AND seq = 3`, [w]).then(() => {}), (ids) => [
        { seq: 3, entryId: ids[2], problem: expect.stringMatching(/altered/) },
      ]],
      ['a citizen added to an entry', async (w) => {
        await sql('INSERT INTO audit_citizen (entry_id, nino) SELECT id, $2 FROM audit_entry WHERE writer_id = $1 AND seq = 2', [w, B]);
      }, (ids) => [{ seq: 2, entryId: ids[1], problem: expect.stringMatching(/altered/) }]],
      ['a deleted entry', async (w) => {
        await sql('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE writer_id = $1 AND seq = 3)', [w]);
        await sql('DELETE FROM audit_entry WHERE writer_id = $1 AND seq = 3', [w]);
      }, (ids) => [{ seq: 4, entryId: ids[3], problem: expect.stringMatching(/seq 3 is gone \(deleted\)/) }]],
      ['the newest entries deleted', async (w) => {
        await sql('DELETE FROM audit_citizen WHERE entry_id IN (SELECT id FROM audit_entry WHERE writer_id = $1 AND seq >= 4)', [w]);
        await sql('DELETE FROM audit_entry WHERE writer_id = $1 AND seq >= 4', [w]);
      }, (ids) => [{ seq: 3, entryId: ids[2], problem: expect.stringMatching(/ends at seq 3 but its head records seq 5/) }]],
      ['a forged entry inserted with a made-up hash', async (w) => {
        await forge(w, 6, 'f'.repeat(64), false);
      }, () => [
        { seq: 6, problem: expect.stringMatching(/prev_hash does not match/) },
        { seq: 6, problem: expect.stringMatching(/altered/) },
        { seq: 6, problem: expect.stringMatching(/head records seq 5/) },
      ]],
      ['a forged entry appended with a correctly computed hash', async (w) => {
        await forge(w, 6, undefined, true);
      }, () => [{ seq: 6, problem: expect.stringMatching(/ends at seq 6 but its head records seq 5/) }]],
      ['two entries\' sequence numbers swapped', async (w) => {
        await sql('UPDATE audit_entry SET seq = 1000 WHERE writer_id = $1 AND seq = 2', [w]);
        await sql('UPDATE audit_entry SET seq = 2 WHERE writer_id = $1 AND seq = 3', [w]);
        await sql('UPDATE audit_entry SET seq = 3 WHERE writer_id = $1 AND seq = 1000', [w]);
      }, (ids) => [
        { seq: 2, entryId: ids[2], problem: expect.stringMatching(/prev_hash does not match/) },
        { seq: 2, entryId: ids[2], problem: expect.stringMatching(/altered/) },
        { seq: 3, entryId: ids[1], problem: expect.stringMatching(/prev_hash does not match/) },
        { seq: 3, entryId: ids[1], problem: expect.stringMatching(/altered/) },
        { seq: 4, entryId: ids[3], problem: expect.stringMatching(/prev_hash does not match/) },
      ]],
      ['the head record deleted', (w) => sql('DELETE FROM audit_chain_head WHERE writer_id = $1', [w]).then(() => {}), () => [
        { problem: expect.stringMatching(/no head record/) },
      ]],
    ];

    /** Inserts an entry at `seq`; with `consistent`, hash and prev_hash computed exactly as the log does. */
    async function forge(writerId: string, seq: number, hash: string | undefined, consistent: boolean): Promise<void> {
      const previous = rowToEntry((await sql(`SELECT ${ENTRY_COLUMNS} FROM audit_entry e WHERE writer_id = $1 AND seq = $2`, [writerId, seq - 1])).rows[0] ?? {});
      const forged = { ...previous, id: '00000000-0000-4000-8000-000000000000', seq, requestId: 'forged', prevHash: consistent ? previous.hash : 'e'.repeat(64), citizens: [] };
      await sql(
        `INSERT INTO audit_entry (id, writer_id, seq, at, request_id, subject, role, organisation, purpose, fields, operation_name, outcome, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [forged.id, writerId, seq, forged.at, forged.requestId, forged.subject, forged.role, forged.organisation, forged.purpose ?? null, forged.fields, null, forged.outcome, forged.prevHash,
          hash ?? entryHash({ ...forged, operationName: undefined } as never)],
      );
    }

    it.each(tampering)('%s', async (_case, tamper, expected) => {
      const log = await open('gateway-1');
      const untouched = await open('gateway-2');
      await recordMany(log, 5);
      await recordMany(untouched, 2);
      const ids = await Promise.all([1, 2, 3, 4, 5].map((seq) => idOf('gateway-1', seq)));
      expect(await log.verify()).toMatchObject({ ok: true });

      await tamper('gateway-1');
      const report = await log.verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(expected(ids).map((problem) => expect.objectContaining({ writerId: 'gateway-1', ...problem })));
    });

    it('notices a whole chain inserted without a head', async () => {
      const log = await open('gateway-1');
      await recordMany(log, 2);
      const impostor = await open('impostor');
      await recordMany(impostor, 2);
      await sql(`DELETE FROM audit_chain_head WHERE writer_id = 'impostor'`);
      expect((await log.verify()).problems).toEqual([{ writerId: 'impostor', problem: expect.stringMatching(/no head record/) }]);
    });
  });
});
