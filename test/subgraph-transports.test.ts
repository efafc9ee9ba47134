import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/**
 * `npm start` calls its subgraphs in process (Apollo's `executeOperation`, answers handed over
 * as objects); docker-compose calls them over HTTP (a token, JSON both ways). A caller must
 * not be able to tell which: the same request is answered, refused, degraded and audited
 * alike both ways.
 */
const TRANSPORTS = ['in-process', 'http'] as const;
type Transport = (typeof TRANSPORTS)[number];

const WHOLE_CITIZEN = /* GraphQL */ `
  query WholeCitizen($nino: NINO!) {
    citizen(nino: $nino) {
      nino name { fullName } dateOfBirth restricted contact { phone email }
      currentAddress { lines postcode }
      awards { benefit status amount nextPayment { date amount } }
      bankAccount { sortCode accountNumber masked }
      relationships { type citizen { nino name { fullName } awards { benefit } } }
    }
  }
`;

const AUDIT_LOG = /* GraphQL */ `
  query Audit($actor: String) {
    auditLog(actor: $actor, first: 1) { entries { purpose citizens fields deniedFields operationName outcome } }
  }
`;

const systems = {} as Record<Transport, TestSystem>;
beforeAll(async () => {
  const [inProcess, http] = await Promise.all(TRANSPORTS.map((transport) => startTestSystem({}, { subgraphTransport: transport })));
  systems['in-process'] = inProcess!;
  systems.http = http!;
});
afterAll(() => Promise.all(Object.values(systems).map((system) => system?.close())));

/** What a caller sees: status, data and errors, less the request id that differs per request. */
function seen(result: GraphQLResult) {
  const errors = (result.body.errors ?? []).map(({ extensions, ...error }) => {
    const { requestId: _requestId, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  return { status: result.status, data: result.body.data, errors };
}

/** The same request through both systems, as the same kind of caller (a subject of its own on each). */
async function both(subject: string, ask: (system: TestSystem, headers: Record<string, string>) => Promise<GraphQLResult>, role: 'agent' | 'citizen' = 'agent', nino?: string) {
  const through = async (transport: Transport) => {
    const system = systems[transport];
    const headers = await system.as({ role, subject, ...(nino ? { nino } : {}) }, role === 'agent' ? 'CASE-0001' : undefined);
    return seen(await ask(system, headers));
  };
  const [inProcess, http] = await Promise.all([through('in-process'), through('http')]);
  return { inProcess, http };
}

async function lastAuditEntry(transport: Transport, actor: string) {
  const system = systems[transport];
  const result = await system.graphql(AUDIT_LOG, { actor }, await system.as({ role: 'auditor', subject: 'transport-auditor' }));
  const [entry] = result.body.data!.auditLog.entries as Array<Record<string, unknown> & { citizens: string[]; fields: string[]; deniedFields: string[] }>;
  // Subgraphs may report in either order: the entry's lists are compared as sets.
  return { ...entry, citizens: [...entry!.citizens].sort(), fields: [...entry!.fields].sort(), deniedFields: [...entry!.deniedFields].sort() };
}

describe('subgraphs called in process and over HTTP', () => {
  it('answer the whole citizen and their household alike, and audit it alike', async () => {
    const { inProcess, http } = await both('transport-agent-1', (system, headers) => system.graphql(WHOLE_CITIZEN, { nino: SHOWCASE.pensionerCouple.nino }, headers));
    expect(inProcess.errors).toEqual([]);
    expect(inProcess.data?.citizen.relationships.length).toBeGreaterThan(0);
    // A caseworker without bank:full sees the last four digits only, both ways.
    expect(inProcess.data?.citizen.bankAccount.masked).toBe(true);
    expect(http).toEqual(inProcess);
    const [entryInProcess, entryHttp] = await Promise.all([lastAuditEntry('in-process', 'transport-agent-1'), lastAuditEntry('http', 'transport-agent-1')]);
    expect(entryInProcess).toMatchObject({ outcome: 'ALLOWED', purpose: 'CASE-0001', operationName: 'WholeCitizen' });
    expect(entryInProcess.citizens).toContain(SHOWCASE.pensionerCouple.nino);
    expect(entryHttp).toEqual(entryInProcess);
  });

  it('refuse a citizen reading someone else alike, with the same codes and no data, and audit the refusal alike', async () => {
    const own = SHOWCASE.pensionerCouple.nino;
    const { inProcess, http } = await both('transport-citizen-1', (system, headers) => system.graphql(WHOLE_CITIZEN, { nino: SHOWCASE.pensionerCouple.partnerNino }, headers), 'citizen', own);
    expect(inProcess.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(inProcess.data ?? null)).not.toContain(SHOWCASE.pensionerCouple.partnerNino);
    expect(http).toEqual(inProcess);
    const [entryInProcess, entryHttp] = await Promise.all([lastAuditEntry('in-process', 'transport-citizen-1'), lastAuditEntry('http', 'transport-citizen-1')]);
    expect(entryHttp).toEqual(entryInProcess);
  });

  it('degrade alike when a legacy system is down: the same part missing, with the same code and system', async () => {
    await Promise.all(TRANSPORTS.map((transport) => systems[transport].setFaults('pscs', { outage: true })));
    try {
      const { inProcess, http } = await both('transport-agent-2', (system, headers) => system.graphql(WHOLE_CITIZEN, { nino: SHOWCASE.pensionerCouple.nino }, headers));
      expect(inProcess.errors.map((error) => error.extensions)).toContainEqual(expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'pscs' }));
      expect(inProcess.data?.citizen.name.fullName).toMatch(/Brierley/);
      expect(http).toEqual(inProcess);
    } finally {
      await Promise.all(TRANSPORTS.map((transport) => systems[transport].setFaults('pscs', {})));
    }
  });
});
