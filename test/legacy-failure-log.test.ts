import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, type SystemId } from '../legacy-estate/index.ts';
import { createLogger } from '../platform/logging/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/**
 * Every legacy failure is logged once, server side, with its system, the request id and its
 * cause, and never with personal data: each failure kind is driven through the gateway and
 * the whole captured log is scanned.
 */
const lines: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    done();
  },
});

/** A loopback port nothing listens on: calls to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PENSIONERS = [SHOWCASE.pensionerCouple.nino, SHOWCASE.pensionerCouple.partnerNino];
let system: TestSystem;
const faulted = new Set<SystemId>();
beforeAll(async () => {
  system = await startTestSystem(
    {
      POPULATION_SIZE: '300',
      REQUEST_DEADLINE_MS: '1000',
      LEGACY_POSTCODES_URL: `http://127.0.0.1:${await closedPort()}/postcodes`,
      // Two failures in a row open a breaker here, so an open breaker is quick to reach.
      LEGACY_BREAKER_MIN_CALLS: '2',
      LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '60000',
    },
    { logger: createLogger({ level: 'info', name: 'citizen-graph', destination }) },
  );
});
afterAll(() => system?.close());
afterEach(async () => {
  for (const id of faulted) await system.setFaults(id, {});
  faulted.clear();
});

interface FailureLine {
  msg: string;
  system: string;
  requestId: string;
  code: string;
  cause: string;
  [detail: string]: unknown;
}

function failureLines(): FailureLine[] {
  return lines.map((line) => JSON.parse(line) as FailureLine).filter((entry) => entry.msg === 'legacy call failed');
}

function requestIdOf(result: GraphQLResult): string {
  const id = result.body.errors?.[0]?.extensions?.requestId as string | undefined;
  expect(id).toBeTruthy();
  return id!;
}

async function failOnce(id: SystemId, settings: Record<string, unknown>, query: string, variables: Record<string, unknown>): Promise<FailureLine[]> {
  faulted.add(id);
  await system.setFaults(id, settings);
  const result = await system.graphql(query, variables);
  const requestId = requestIdOf(result);
  return failureLines().filter((entry) => entry.requestId === requestId && entry.system === id);
}

const BANK = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } bankAccount { sortCode } } }`;
const AWARDS = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } awards { benefit } } }`;

describe('legacy failures in the server log', () => {
  it('logs a payload that fails its schema once, as SCHEMA_MISMATCH for payments', async () => {
    const logged = await failOnce('payments', { malformedRate: 1 }, BANK, { nino: SHOWCASE.pipClaimant.nino });
    expect(logged).toEqual([expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', cause: 'SCHEMA_MISMATCH', causeClass: 'ZodError' })]);
  });

  it('logs a SOAP fault once per call, with its fault code', async () => {
    const logged = await failOnce('pscs', { errorRate: 1 }, AWARDS, { nino: PENSIONERS[0] });
    expect(logged).toEqual([expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', cause: 'SOAP_FAULT', faultCode: 'Server' })]);
  });

  it('logs calls refused by an open breaker as BREAKER_OPEN', async () => {
    // The SOAP fault above and this one open the PSCS breaker (two failures suffice here, and
    // no earlier test has called PSCS successfully).
    await failOnce('pscs', { errorRate: 1 }, AWARDS, { nino: PENSIONERS[1] });
    const logged = await failOnce('pscs', { errorRate: 1 }, AWARDS, { nino: PENSIONERS[0] });
    expect(logged).toEqual([expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', cause: 'BREAKER_OPEN' })]);
  });

  it('logs an error status with the status code', async () => {
    const logged = await failOnce('disability', { outage: true }, AWARDS, { nino: SHOWCASE.pipClaimant.nino });
    expect(logged).toEqual([expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', cause: 'HTTP_STATUS', status: 503 })]);
  });

  it('logs a call the deadline ended as DEADLINE_EXCEEDED', async () => {
    const logged = await failOnce('uc', { hang: true }, AWARDS, { nino: SHOWCASE.ucFamily.nino });
    expect(logged).toEqual([expect.objectContaining({ code: 'LEGACY_TIMEOUT', cause: 'DEADLINE_EXCEEDED' })]);
  });

  it('logs a refused connection with undici’s error code', async () => {
    const result = await system.graphql(`{ addressLookup(postcode: "LS1 4AP") { postcode } }`);
    const requestId = requestIdOf(result);
    expect(failureLines().filter((entry) => entry.requestId === requestId)).toEqual([expect.objectContaining({ system: 'postcodes', code: 'LEGACY_UNAVAILABLE', cause: 'ECONNREFUSED' })]);
  });

  it('never writes a NINO, a name or a URL in any of those lines', () => {
    const population = system.system.estate!.population;
    const names = [SHOWCASE.pensionerCouple, SHOWCASE.pipClaimant, SHOWCASE.ucFamily]
      .map((entry) => population.byNino(entry.nino)!)
      .flatMap((person) => [person.forename1, person.surname])
      .concat('Margaret');
    const log = lines.join('\n');
    expect(failureLines().length).toBeGreaterThanOrEqual(6);
    expect(log).not.toMatch(/\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i);
    for (const name of names) expect(log).not.toContain(name);
    expect(log).not.toMatch(/https?:\/\/|127\.0\.0\.1|localhost/);
  });
});
