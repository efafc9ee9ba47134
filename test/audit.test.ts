import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { openSqlDatabase, type SqlDatabase } from '../platform/database/index.ts';
import { createTestDatabase, type TestDatabase } from '../platform/database/test-databases.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';
import { startDatabaseProxy, type DatabaseProxy } from './tcp-proxy.ts';

const root = resolve(import.meta.dirname, '..');

const CASE_VIEW = /* GraphQL */ `
  query CaseView($nino: NINO!) {
    citizen(nino: $nino) { name { fullName } currentAddress { postcode } bankAccount { sortCode } }
  }
`;

const AUDIT_LOG = /* GraphQL */ `
  query Audit($citizen: NINO, $actor: String, $from: String, $to: String, $first: Int, $after: String) {
    auditLog(citizen: $citizen, actor: $actor, from: $from, to: $to, first: $first, after: $after) {
      entries { id writer sequence at requestId actor role organisation purpose citizens fields deniedFields operationName outcome }
      hasNextPage
      endCursor
    }
  }
`;

interface Entry {
  id: string;
  writer: string;
  sequence: number;
  at: string;
  requestId: string;
  actor: string;
  role: string;
  organisation: string;
  purpose: string | null;
  citizens: string[];
  fields: string[];
  deniedFields: string[];
  operationName: string | null;
  outcome: 'ALLOWED' | 'DENIED';
}

// The audit runs on a database of its own on the run's PostgreSQL, behind a proxy the tests can cut.
let store: TestDatabase;
let database: SqlDatabase;
let proxy: DatabaseProxy;
let system: TestSystem;
let auditor: Record<string, string>;
beforeAll(async () => {
  store = await createTestDatabase();
  database = openSqlDatabase(store.url);
  proxy = await startDatabaseProxy(store.url);
  system = await startTestSystem({ DATABASE_URL: proxy.url });
  auditor = await system.as({ role: 'auditor', subject: 'auditor-1' });
});
afterAll(async () => {
  await system?.close();
  await proxy?.close();
  await database?.close();
  await store?.drop();
});

function codes(result: GraphQLResult): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}

async function auditLog(variables: Record<string, unknown>): Promise<{ entries: Entry[]; hasNextPage: boolean; endCursor: string | null }> {
  const result = await system.graphql(AUDIT_LOG, variables, auditor);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.auditLog;
}

async function allPages(variables: Record<string, unknown>): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | undefined;
  do {
    const page = await auditLog({ ...variables, first: 2, ...(after ? { after } : {}) });
    entries.push(...page.entries);
    after = page.hasNextPage ? page.endCursor! : undefined;
  } while (after);
  return entries;
}

describe('the access audit, through the gateway', () => {
  it('records a caseworker\'s read as one entry for the whole request, written by the gateway: who, why, which citizen, every field each subgraph served, the operation, the request id, ALLOWED', async () => {
    const nino = SHOWCASE.pensionerCouple.nino;
    const read = await system.graphql(CASE_VIEW, { nino }, await system.as({ role: 'agent', subject: 'caseworker-audit-1' }, 'CASE-AUD-1'));
    expect(read.body.errors).toBeUndefined();

    const { entries } = await auditLog({ actor: 'caseworker-audit-1' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      writer: expect.stringMatching(/^gateway@/),
      requestId: read.headers['x-request-id'],
      actor: 'caseworker-audit-1',
      role: 'agent',
      organisation: 'DWP',
      purpose: 'CASE-AUD-1',
      citizens: [nino],
      deniedFields: [],
      operationName: 'CaseView',
      outcome: 'ALLOWED',
    });
    expect(entries[0]!.fields).toEqual(expect.arrayContaining(['identity.Query.citizen', 'identity.name', 'address.currentAddress', 'bank.bankAccount']));
    // The subgraphs' access reports are for the gateway's audit only, never passed on to the caller.
    expect(read.text).not.toContain('citizenAccess');
  });

  it('keeps what a request was refused apart from what it was served: one ALLOWED entry naming the refused field', async () => {
    const own = SHOWCASE.pipClaimant.nino;
    const other = SHOWCASE.pensionerCouple.nino;
    const mixed = await system.graphql(
      'query Mixed($own: NINO!, $other: NINO!) { me: citizen(nino: $own) { name { fullName } } other: citizen(nino: $other) { name { fullName } } }',
      { own, other },
      await system.as({ role: 'citizen', nino: own, subject: 'citizen-audit-mixed' }),
    );
    expect(codes(mixed)).toEqual(['FORBIDDEN']);
    expect(mixed.body.data?.me.name.fullName).toBeTruthy();
    expect(mixed.body.data?.other).toBeNull();
    const { entries } = await auditLog({ actor: 'citizen-audit-mixed' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ citizens: [own, other].sort(), outcome: 'ALLOWED', deniedFields: ['identity.Query.citizen'], operationName: 'Mixed' });
    expect(entries[0]!.fields).toEqual(expect.arrayContaining(['identity.Query.citizen', 'identity.name']));
  });

  it.each([
    ['a caseworker without a declared purpose', { role: 'agent', subject: 'no-purpose-1' } as const, 'query Peek($nino: NINO!) { citizen(nino: $nino) { name { fullName } } }', 'gateway.PURPOSE_REQUIRED'],
    ['a partner sending its own query', { role: 'partner', subject: 'partner-own-query-1', org: 'NHS', scopes: ['check:prescription-exemption'] } as const, 'query Peek($nino: NINO!) { citizen(nino: $nino) { name { fullName } } }', 'gateway.PERSISTED_QUERY_REQUIRED'],
  ])('records %s, refused at the gateway, as a DENIED attempt on the citizen it named', async (_case, mint, query, field) => {
    const nino = SHOWCASE.ucFamily.nino;
    const refused = await system.graphql(query, { nino: 'sc 20 00 81 a' }, await system.as(mint));
    expect(refused.body.data ?? null).toBeNull();
    const { entries } = await auditLog({ actor: mint.subject });
    expect(entries).toEqual([expect.objectContaining({ role: mint.role, citizens: [nino], fields: [], deniedFields: [field], operationName: 'Peek', outcome: 'DENIED' })]);
  });

  it('records a citizen reading who has read their record, served by the audit subgraph, as an access like any other', async () => {
    const nino = SHOWCASE.noAwards.nino;
    const reader = await system.as({ role: 'citizen', nino, subject: 'citizen-reading-history-1' });
    const read = await system.graphql('query MyAccess($nino: NINO!) { citizen(nino: $nino) { name { fullName } accessHistory(first: 1) { accesses { role } } } }', { nino }, reader);
    expect(read.body.errors).toBeUndefined();
    const { entries } = await auditLog({ actor: 'citizen-reading-history-1' });
    expect(entries).toEqual([expect.objectContaining({ role: 'citizen', citizens: [nino], outcome: 'ALLOWED', operationName: 'MyAccess' })]);
    expect(entries[0]!.fields).toEqual(expect.arrayContaining(['identity.Query.citizen', 'identity.name', 'audit.accessHistory']));
  });

  it('records an auditor\'s search by citizen as an access to that citizen', async () => {
    const nino = SHOWCASE.noAwards.nino;
    const watcher = await system.as({ role: 'auditor', subject: 'auditor-2' });
    const search = await system.graphql(AUDIT_LOG, { citizen: nino }, watcher);
    expect(search.body.errors).toBeUndefined();
    const { entries } = await auditLog({ actor: 'auditor-2' });
    expect(entries).toEqual([expect.objectContaining({ role: 'auditor', citizens: [nino], outcome: 'ALLOWED', fields: ['audit.Query.auditLog'], deniedFields: [] })]);
  });

  it.each([
    [
      'a citizen reading someone else\'s record',
      () => system.as({ role: 'citizen', nino: SHOWCASE.pipClaimant.nino, subject: 'citizen-audit-2' }),
      (headers: Record<string, string>) => system.graphql(CASE_VIEW, { nino: SHOWCASE.pensionerCouple.nino }, headers),
      { actor: 'citizen-audit-2', role: 'citizen', citizens: [SHOWCASE.pensionerCouple.nino], operationName: 'CaseView', field: 'identity.Query.citizen' },
    ],
    [
      'a partner running a check its token does not name',
      () => system.as({ role: 'partner', org: 'NHS', subject: 'nhs-audit-3', scopes: ['check:prescription-exemption'] }),
      (headers: Record<string, string>) => system.persisted('VehicleTaxExemptionCheck', { nino: SHOWCASE.pipClaimant.nino }, headers),
      { actor: 'nhs-audit-3', role: 'partner', citizens: [SHOWCASE.pipClaimant.nino], operationName: 'VehicleTaxExemptionCheck', field: 'awards.Query.vehicleTaxExemption' },
    ],
  ])('records %s as DENIED, naming the citizen and the field refused', async (_case, headers, run, expected) => {
    const result = await run(await headers());
    expect(codes(result)).toContain('FORBIDDEN');
    const { entries } = await auditLog({ actor: expected.actor });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: expected.role, citizens: expected.citizens, operationName: expected.operationName, outcome: 'DENIED', requestId: result.headers['x-request-id'] });
    expect(entries[0]!.deniedFields).toContain(expected.field);
    expect(entries[0]!.fields).toEqual([]);
  });

  it('lets an auditor search by citizen, actor and time range, newest first, in pages that neither skip nor repeat', async () => {
    const nino = SHOWCASE.deceased.nino;
    const from = new Date().toISOString();
    for (const purpose of ['CASE-AUD-4', 'CASE-AUD-5', 'CASE-AUD-6']) {
      expect((await system.graphql(CASE_VIEW, { nino }, await system.as({ role: 'agent', subject: 'caseworker-audit-4' }, purpose))).body.errors).toBeUndefined();
    }
    const to = new Date(Date.now() + 1).toISOString();

    const byCitizen = await allPages({ citizen: nino });
    expect(byCitizen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byCitizen.map((entry) => entry.id)).size).toBe(byCitizen.length);
    const times = byCitizen.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(byCitizen[0]!.purpose).toBe('CASE-AUD-6');
    expect(byCitizen.at(-1)!.purpose).toBe('CASE-AUD-4');

    const byActor = await allPages({ actor: 'caseworker-audit-4' });
    expect(byActor.map((entry) => entry.id).sort()).toEqual(byCitizen.map((entry) => entry.id).sort());
    const byTime = await allPages({ from, to });
    expect(byTime.map((entry) => entry.id)).toEqual(expect.arrayContaining(byCitizen.map((entry) => entry.id)));
    expect((await auditLog({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' })).entries).toEqual([]);
  });

  it.each([
    ['a caseworker', { role: 'agent' as const }, 'CASE-1'],
    ['a citizen, even about themselves', { role: 'citizen' as const, nino: SHOWCASE.pipClaimant.nino }, undefined],
    ['an analyst', { role: 'analyst' as const }, 'STUDY-1'],
  ])('is FORBIDDEN to %s', async (_case, mint, purpose) => {
    const result = await system.graphql(AUDIT_LOG, { citizen: SHOWCASE.pipClaimant.nino }, await system.as(mint, purpose));
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.body.data).toBeNull();
  });

  it('gives auditors no citizen data themselves', async () => {
    const result = await system.graphql(CASE_VIEW, { nino: SHOWCASE.pensionerCouple.nino }, auditor);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.body.data).toEqual({ citizen: null });
  });
});

describe('the access audit when its database fails or is tampered with', () => {
  const run = promisify(execFile);
  async function auditVerify(): Promise<{ code: number; stdout: string; stderr: string }> {
    // DATA_DIR: the checkpoints the gateway signed, and their public key, are under its data folder.
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: store.url, DATA_DIR: system.system.config.dataDir };
    return run(join(root, 'node_modules/.bin/node'), [join(root, 'bin/audit-verify.ts')], { env, cwd: root }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
    );
  }

  it('withholds the data (AUDIT_UNAVAILABLE) while the audit cannot be written, and leaves the chains intact', async () => {
    const nino = SHOWCASE.ucFamily.nino;
    const caseworker = await system.as({ role: 'agent', subject: 'caseworker-audit-7' }, 'CASE-AUD-7');
    proxy.cut();
    let withheld: GraphQLResult;
    try {
      withheld = await system.graphql(CASE_VIEW, { nino }, caseworker);
    } finally {
      proxy.restore();
    }
    expect(codes(withheld)).toEqual(['AUDIT_UNAVAILABLE']);
    expect(withheld.body.data).toBeNull();
    expect(withheld.text).not.toMatch(/Okoro|postcode|sortCode/);

    const served = await system.graphql(CASE_VIEW, { nino }, caseworker);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data?.citizen.name.fullName).toMatch(/Okoro/);
    expect((await auditLog({ actor: 'caseworker-audit-7' })).entries.map((entry) => entry.requestId)).not.toContain(withheld.headers['x-request-id']);
    expect(await auditVerify()).toMatchObject({ code: 0, stdout: expect.stringContaining('OK: every chain is intact.') });
  });

  it('is checked by npm run audit:verify, which exits 1 naming an entry altered with SQL', async () => {
    await system.graphql(CASE_VIEW, { nino: SHOWCASE.pipClaimant.nino }, await system.as({ role: 'agent', subject: 'caseworker-audit-8' }, 'CASE-AUD-8'));
    const [victim] = (await auditLog({ actor: 'caseworker-audit-8' })).entries;
    await database.query(`UPDATE audit_entry SET purpose = 'CASE-INNOCENT' WHERE id = $1`, [victim!.id]);

    const result = await auditVerify();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`PROBLEM writer ${victim!.writer}, seq ${victim!.sequence}, entry ${victim!.id}: content does not match its hash`);
    expect(result.stdout).toContain('FAILED: 1 problem found.');
  });
});
