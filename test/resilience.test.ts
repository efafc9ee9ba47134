import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SHOWCASE, type Person, type SystemId } from '../legacy-estate/index.ts';
import { startTestSystem, type GraphQLResult, type TestSystem } from './harness.ts';

/**
 * The estate's fault injection, driven under short configured timeouts. One booted system is
 * shared, so breakers carry over between tests: each test that opens one ends by proving it
 * closes again, and tests that open a breaker come before tests whose queries would fill that
 * system's window of calls with successes (old calls leave the window only as new ones come).
 */
const DEADLINE_MS = 1_000;
/** Generous: the machine is a busy 2-core box; what matters is "about the deadline", not the 10 s of old. */
const PROMPT_MS = DEADLINE_MS + 2_000;
const ENV = {
  POPULATION_SIZE: '300',
  REQUEST_DEADLINE_MS: String(DEADLINE_MS),
  DEADLINE_MARGIN_MS: '100',
  // Level 2 of a plan keeps 400 of the 1,000 ms: time for a caseload's single-lookup calls.
  DEADLINE_RESERVE_PER_LEVEL_MS: '400',
  LEGACY_SLOW_CALL_MS: '400',
  LEGACY_BREAKER_WINDOW_CALLS: '20',
  LEGACY_BREAKER_MIN_CALLS: '10',
  LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '50',
};

const AWARDS = `query($ninos: [NINO!]!) { citizens(ninos: $ninos) { nino name { fullName } awards { benefit } } }`;

let system: TestSystem;
const faulted = new Set<SystemId>();
beforeAll(async () => {
  system = await startTestSystem(ENV);
  // The first request plans the query and warms the process: not what the timings measure.
  await system.graphql(AWARDS, { ninos: [SHOWCASE.pensionerCouple.nino] });
});
afterAll(() => system?.close());
beforeEach(() => system.resetStats());
afterEach(async () => {
  for (const id of faulted) await system.setFaults(id, {});
  faulted.clear();
});

async function fault(id: SystemId, settings: Record<string, unknown>): Promise<void> {
  faulted.add(id);
  await system.setFaults(id, settings);
}

async function timed(run: () => Promise<GraphQLResult>): Promise<{ result: GraphQLResult; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

function people(count: number, where: (person: Person) => boolean = () => true): string[] {
  const chosen = system.system.estate!.population.people.filter(where).slice(0, count).map((person) => person.nino);
  expect(chosen).toHaveLength(count);
  return chosen;
}

function errorsFrom(result: GraphQLResult, id: SystemId) {
  return (result.body.errors ?? []).filter((error) => error.extensions?.system === id);
}

function countOf(result: GraphQLResult, benefit: string): number {
  return result.body.data!.citizens.filter((citizen: { awards: Array<{ benefit: string } | null> }) => citizen.awards.some((award) => award?.benefit === benefit)).length;
}

/** The system's count of legacy calls to `id` with `outcome`, from `/metrics` on its operations port. */
async function legacyCallCount(id: SystemId, outcome: string): Promise<number> {
  const text = await (await request(`${system.system.ops!.url}/metrics`)).body.text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('citizen_graph_legacy_call_seconds_count') && candidate.includes(`system="${id}"`) && candidate.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Asks until the citizen's State Pension is served again: the half-open probe succeeded and closed the breaker. */
async function expectStatePensionBack(nino: string): Promise<void> {
  await expect
    .poll(async () => countOf(await system.graphql(AWARDS, { ninos: [nino] }), 'STATE_PENSION'), { timeout: 5_000, interval: 20 })
    .toBe(1);
}

describe('a legacy system that fails, through the gateway', () => {
  it('a slow single-lookup system under a caseload of 100 costs only its parts, labelled LEGACY_TIMEOUT, within the deadline', async () => {
    const caseload = people(100);
    await fault('pscs', { latencyMs: 1_500 });
    const { result, ms } = await timed(() => system.graphql(AWARDS, { ninos: caseload }));
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result.body.data!.citizens).toHaveLength(100);
    expect(result.body.data!.citizens.every((citizen: { name: { fullName: string } }) => citizen.name.fullName)).toBe(true);
    const slow = errorsFrom(result, 'pscs');
    expect(slow).toHaveLength(100);
    expect(slow.every((error) => error.extensions?.code === 'LEGACY_TIMEOUT')).toBe(true);
    expect(countOf(result, 'UNIVERSAL_CREDIT')).toBeGreaterThan(0);
    // Calls queued behind the slow ones failed at the deadline without being sent.
    expect((await system.stats()).pscs.requests).toBeLessThan(50);
  });

  it('SOAP faults on every call open the breaker, later calls fail fast without reaching PSCS, and a probe closes it', async () => {
    const pensioners = people(20, (person) => person.statePension !== null);
    const [faultsBefore, refusedBefore] = [await legacyCallCount('pscs', 'unavailable'), await legacyCallCount('pscs', 'short_circuit')];
    await fault('pscs', { errorRate: 1 });
    const first = await system.graphql(AWARDS, { ninos: pensioners });
    expect(errorsFrom(first, 'pscs')).toHaveLength(20);
    expect(errorsFrom(first, 'pscs').every((error) => error.extensions?.code === 'LEGACY_UNAVAILABLE')).toBe(true);
    // The faults were counted as failures, and enough of them opened the breaker.
    expect(await legacyCallCount('pscs', 'unavailable')).toBeGreaterThan(faultsBefore);
    expect(await legacyCallCount('pscs', 'short_circuit')).toBeGreaterThan(refusedBefore);

    await system.resetStats();
    const { result: later, ms } = await timed(() => system.graphql(AWARDS, { ninos: pensioners }));
    expect(errorsFrom(later, 'pscs')).toHaveLength(20);
    expect(ms).toBeLessThan(PROMPT_MS);
    // At most the half-open probe reached PSCS.
    expect((await system.stats()).pscs.requests).toBeLessThanOrEqual(1);

    await system.setFaults('pscs', {});
    await expectStatePensionBack(pensioners[0]!);
  });

  it('a flapping system opens its breaker while down, and a single probe closes it when it comes back up', async () => {
    const pensioners = people(20, (person) => person.statePension !== null);
    const refusedBefore = await legacyCallCount('pscs', 'short_circuit');
    // Each down call is retried once (a 503 may be a blip), so 40 down requests fail 20 calls.
    await fault('pscs', { flapEvery: 40 });
    const down = await system.graphql(AWARDS, { ninos: pensioners });
    expect(errorsFrom(down, 'pscs')).toHaveLength(20);
    // The breaker opened part-way: the rest were refused without a call.
    expect(await legacyCallCount('pscs', 'short_circuit')).toBeGreaterThan(refusedBefore);
    expect((await system.stats()).pscs.requests).toBeLessThan(40);

    // Still flapping: probes land in the down stretch until one lands in the up stretch.
    await expectStatePensionBack(pensioners[0]!);
  });

  it('a hang costs its part at the deadline, opens the breaker through slow calls, and a probe closes it once the system is back', async () => {
    const BANK = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } bankAccount { sortCode } } }`;
    const nino = SHOWCASE.pensionerCouple.nino;
    await fault('payments', { hang: true });
    const { result, ms } = await timed(() => system.graphql(BANK, { nino }));
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result.body.data!.citizen.name.fullName).toContain('Brierley');
    expect(result.body.data!.citizen.bankAccount).toBeNull();
    expect(result.body.errors).toEqual([expect.objectContaining({ path: ['citizen', 'bankAccount'], extensions: expect.objectContaining({ code: 'LEGACY_TIMEOUT', system: 'payments' }) })]);

    // Each of these holds a payments call until its deadline: long enough to count against it.
    const burst = () => Promise.all(Array.from({ length: 12 }, () => system.graphql(BANK, { nino })));
    await burst();
    await system.resetStats();
    const afterOpen = await burst();
    // At most one half-open probe reached the system; every other call was refused at once.
    expect((await system.stats()).payments.requests).toBeLessThanOrEqual(1);
    for (const answer of afterOpen) expect(errorsFrom(answer, 'payments')).toHaveLength(1);
    expect(afterOpen.filter((answer) => errorsFrom(answer, 'payments')[0]?.extensions?.code === 'LEGACY_UNAVAILABLE').length).toBeGreaterThanOrEqual(11);

    await system.setFaults('payments', {});
    await expect.poll(async () => (await system.graphql(BANK, { nino })).body.data?.citizen.bankAccount, { timeout: 5_000, interval: 20 }).toBeTruthy();
  });

  it('a CIS hang costs only the CIS parts: the plan keeps time back, so the parts from other systems still answer', async () => {
    const VIEW = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } awards { benefit } bankAccount { sortCode } currentAddress { postcode } } }`;
    const nino = SHOWCASE.pensionerCouple.nino;
    const caseload = people(100);
    await fault('cis', { hang: true });
    // One citizen's view and a caseload of 100 in flight together.
    const [{ result, ms }, many] = await Promise.all([timed(() => system.graphql(VIEW, { nino })), timed(() => system.graphql(AWARDS, { ninos: caseload }))]);
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(many.ms).toBeLessThan(PROMPT_MS);
    expect(many.result.body.data!.citizens).toHaveLength(100);
    expect(countOf(many.result, 'UNIVERSAL_CREDIT')).toBeGreaterThan(0);
    expect(errorsFrom(many.result, 'cis').length).toBeGreaterThan(0);
    const citizen = result.body.data!.citizen;
    // CIS's own part, and what cannot be shown safely without it (restriction unknown: no address).
    expect(citizen.name).toBeNull();
    expect(citizen.currentAddress).toBeNull();
    // The next level of the plan was still asked, and answered.
    expect(citizen.bankAccount).toEqual({ sortCode: expect.any(String) });
    expect(citizen.awards).toContainEqual({ benefit: 'STATE_PENSION' });
    const errors = result.body.errors ?? [];
    expect(errors).toContainEqual(expect.objectContaining({ path: ['citizen', 'name'], extensions: expect.objectContaining({ code: 'LEGACY_TIMEOUT', system: 'cis' }) }));
    // Nothing is blamed on any other system for the time CIS took.
    expect(errors.filter((error) => error.extensions?.system !== 'cis')).toEqual([]);

    await system.setFaults('cis', {});
    await expect.poll(async () => (await system.graphql(VIEW, { nino })).body.data?.citizen?.name, { timeout: 5_000, interval: 20 }).toBeTruthy();
  });

  it('one breaker per system for the whole process: opened by one subgraph\'s failing calls, it spares the others\' calls too', async () => {
    const NAME = `query($nino: NINO!) { citizen(nino: $nino) { name { fullName } } }`;
    const ADDRESS = `query($nino: NINO!) { citizen(nino: $nino) { currentAddress { postcode } } }`;
    const nino = SHOWCASE.pensionerCouple.nino;
    await fault('cis', { errorRate: 1 });
    // Only the identity subgraph calls CIS for a name: its failures open the breaker (once they
    // outweigh the successes of earlier tests still in its window).
    const refusedBefore = await legacyCallCount('cis', 'short_circuit');
    await expect
      .poll(async () => {
        const names = await Promise.all(Array.from({ length: 12 }, () => system.graphql(NAME, { nino })));
        for (const answer of names) expect(errorsFrom(answer, 'cis')).toHaveLength(1);
        return legacyCallCount('cis', 'short_circuit');
      }, { timeout: 5_000, interval: 20 })
      .toBeGreaterThan(refusedBefore);
    await system.resetStats();
    // The address subgraph reads CIS too (the address, and whether the record is restricted),
    // through the same client: refused at once, at most a half-open probe reaching CIS.
    const address = await system.graphql(ADDRESS, { nino });
    expect(address.body.data?.citizen?.currentAddress ?? null).toBeNull();
    expect(errorsFrom(address, 'cis').length).toBeGreaterThan(0);
    expect((await system.stats()).cis.requests).toBeLessThanOrEqual(1);

    await system.setFaults('cis', {});
    await expect.poll(async () => (await system.graphql(ADDRESS, { nino })).body.data?.citizen?.currentAddress, { timeout: 5_000, interval: 20 }).toBeTruthy();
  });

  it('an outage costs only that system’s part, promptly, named LEGACY_UNAVAILABLE', async () => {
    await fault('uc', { outage: true });
    const { result, ms } = await timed(() => system.graphql(AWARDS, { ninos: [SHOWCASE.pipClaimant.nino] }));
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result.body.data!.citizens[0].name.fullName).toBeTruthy();
    expect(result.body.data!.citizens[0].awards).toContainEqual({ benefit: 'PERSONAL_INDEPENDENCE_PAYMENT' });
    expect(result.body.data!.citizens[0].awards).not.toContainEqual({ benefit: 'UNIVERSAL_CREDIT' });
    expect(result.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'uc' }) })]);
  });

  it('a search or look-up whose only system is down costs only its own field: the rest of the request arrives', async () => {
    await fault('cis', { outage: true });
    await fault('postcodes', { outage: true });
    const { result, ms } = await timed(() =>
      system.graphql(`{
        traceCitizen(familyName: "Brierley", dateOfBirth: "1946-03-12") { matches { score } }
        addressLookup(postcode: "LS1 4AP") { postcode }
        validateBankDetails(sortCode: "08-99-99", accountNumber: "66374958") { valid }
      }`),
    );
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result.body.data).toEqual({ traceCitizen: null, addressLookup: null, validateBankDetails: { valid: true } });
    expect(result.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['traceCitizen'], extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'cis' }) }),
        expect.objectContaining({ path: ['addressLookup'], extensions: expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'postcodes' }) }),
      ]),
    );
    expect(result.body.errors).toHaveLength(2);
  });

  it('a system failing half its calls keeps its breaker closed, and about half its parts answer', async () => {
    const claimants = people(30, (person) => person.disabilityAwards.length > 0);
    await fault('disability', { errorRate: 0.5 });
    const result = await system.graphql(AWARDS, { ninos: claimants });
    const failed = errorsFrom(result, 'disability');
    expect(failed.every((error) => error.extensions?.code === 'LEGACY_UNAVAILABLE')).toBe(true);
    expect(failed.length).toBeGreaterThanOrEqual(8);
    expect(failed.length).toBeLessThanOrEqual(22);
    // Every call reached the system: none was refused by an open breaker.
    expect((await system.stats()).disability.requests).toBe(claimants.length);
    expect(await legacyCallCount('disability', 'short_circuit')).toBe(0);
  });
});
