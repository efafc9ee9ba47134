import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEstate, type Estate, type Person } from '../../../legacy-estate/index.ts';
import { loadConfig } from '../../../platform/config/index.ts';
import { LegacyError } from '../../../platform/errors/index.ts';
import { createLegacyClient, deadlineIn, type LegacyClient } from '../../../platform/resilience/index.ts';
import { disabilityWriteProtocol } from './disability.writer.ts';
import { jsapsWriteProtocol } from './jsaps.writer.ts';
import { pscsWriteProtocol } from './pscs.writer.ts';
import { createLegacyWriters, DELIVERY_SYSTEMS, type Change, type DeliverySystem, type LegacyWriter } from './legacy-writer.ts';

/** Well formed, never issued by the estate. */
const UNKNOWN_NINO = 'AB999999D';
/** Generous: only a hung system should ever reach it. */
const WRITE_DEADLINE_MS = 10_000;
/** For the writers that meet a hung system: fails the write by its deadline well inside the test's time. */
const SHORT_WRITE_DEADLINE_MS = 400;

let estate: Estate;
let writers: ReturnType<typeof createLegacyWriters>;
let impatientWriters: ReturnType<typeof createLegacyWriters>;
const clients: LegacyClient[] = [];

beforeAll(async () => {
  estate = await startEstate({ size: 600 });
  writers = createLegacyWriters(configFor(), {});
  impatientWriters = createLegacyWriters(configFor(SHORT_WRITE_DEADLINE_MS), {});
});
afterAll(async () => {
  await writers?.close();
  await impatientWriters?.close();
  await Promise.all(clients.map((client) => client.close()));
  await estate?.close();
});

function configFor(writeDeadlineMs = WRITE_DEADLINE_MS) {
  return loadConfig({ ESTATE_URL: estate.url, LEGACY_WRITE_DEADLINE_MS: String(writeDeadlineMs), LEGACY_BREAKER_MIN_CALLS: '1000' });
}

async function operationCounts(system: DeliverySystem): Promise<Record<string, number>> {
  const stats = (await (await request(`${estate.url}/__stats`)).body.json()) as Record<string, { operations: Record<string, number> }>;
  return stats[system]!.operations;
}

/** Who each system holds a record for, as the seeded population says. */
const HOLDS: Readonly<Record<DeliverySystem, (person: Person) => boolean>> = {
  cis: () => true,
  uc: (person) => person.universalCredit !== null,
  pscs: (person) => person.statePension !== null,
  disability: (person) => person.disabilityAwards.length > 0,
  payments: (person) => person.paymentAccount !== null,
  jsaps: (person) => person.jsapsAwards.length > 0,
};

/** Citizens each test may change, handed out once so no two tests share a citizen. */
const handedOut = new Set<string>();
function citizenHeldBy(system: DeliverySystem): string {
  const person = estate.population.people.find((candidate) => !handedOut.has(candidate.nino) && candidate.dateOfDeath === null && HOLDS[system](candidate));
  if (!person) throw new Error(`no citizen left that ${system} holds`);
  handedOut.add(person.nino);
  return person.nino;
}

function addressChange(nino: string, overrides: Partial<Extract<Change, { kind: 'address' }>['address']> = {}): Change {
  return {
    kind: 'address',
    nino,
    reference: randomUUID(),
    effectiveDate: estate.population.asOf,
    address: { uprn: '100023336956', buildingName: null, buildingNumber: '12', thoroughfare: 'HIGH STREET', postTown: 'LEEDS', postcode: 'LS1 4AP', ...overrides },
    restricted: false,
  };
}

async function recordsOf(system: DeliverySystem, nino: string): Promise<Array<{ reference: string }>> {
  const response = await request(`${estate.url}/__records/${nino}`);
  const body = (await response.body.json()) as Record<string, Array<{ reference: string }>>;
  return body[system] ?? [];
}

async function setFaults(system: DeliverySystem, settings: Record<string, unknown>): Promise<void> {
  const response = await request(`${estate.url}/__faults/${system}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

/** Runs `run` under `settings` on `system`, then clears them. */
async function withFaults<T>(system: DeliverySystem, settings: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  await setFaults(system, settings);
  try {
    return await run();
  } finally {
    await setFaults(system, {});
  }
}

async function failureOf(run: () => Promise<unknown>): Promise<LegacyError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    return error as LegacyError;
  }
  throw new Error('expected a LegacyError');
}

const writerFor = (system: DeliverySystem): LegacyWriter => writers[system];

describe.each(DELIVERY_SYSTEMS)('the %s writer against the simulated system', (system) => {
  it('applies a change once, and answers a second delivery of it as already applied', async () => {
    const change = addressChange(citizenHeldBy(system));
    await expect(writerFor(system).deliver(change, {})).resolves.toBe('applied');
    await expect(writerFor(system).deliver(change, {})).resolves.toBe('already-applied');
    expect((await recordsOf(system, change.nino)).map((record) => record.reference)).toEqual([change.reference]);
  });

  it('holds the change exactly once after its reply was lost: the next delivery finds it applied', async () => {
    const change = addressChange(citizenHeldBy(system));
    const lost = await withFaults(system, { lostReplyRate: 1 }, () => failureOf(() => writerFor(system).deliver(change, {})));
    expect(lost).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system });
    expect(await recordsOf(system, change.nino)).toHaveLength(1);
    await expect(writerFor(system).deliver(change, {})).resolves.toBe('already-applied');
    expect(await recordsOf(system, change.nino)).toHaveLength(1);
  });

  it('says whom it holds, and answers not-held for a citizen it holds no record of', async () => {
    const held = citizenHeldBy(system);
    const holds = await writerFor(system).holds([held, UNKNOWN_NINO], {});
    expect(Object.fromEntries(holds)).toEqual({ [held]: true, [UNKNOWN_NINO]: false });
    await expect(writerFor(system).deliver(addressChange(UNKNOWN_NINO), {})).resolves.toBe('not-held');
    expect(await recordsOf(system, UNKNOWN_NINO)).toEqual([]);
  });

  it.each([
    ['an outage', 'LEGACY_UNAVAILABLE', { outage: true }, () => writers],
    ['a malformed answer', 'LEGACY_UNAVAILABLE', { malformedRate: 1 }, () => writers],
    ['a hang past the write deadline', 'LEGACY_TIMEOUT', { hang: true }, () => impatientWriters],
  ])('fails %s as a LegacyError %s naming the system only, writing nothing', async (_name, code, settings, writersFor) => {
    const change = addressChange(citizenHeldBy(system));
    const failure = await withFaults(system, settings, () => failureOf(() => writersFor()[system].deliver(change, {})));
    expect(failure).toMatchObject({ code, system });
    expect(failure.message).not.toContain(change.nino);
    expect(failure.message).not.toContain(change.reference);
    expect(await recordsOf(system, change.nino)).toEqual([]);
  });

  it('fails to say whom it holds during an outage, rather than guess', async () => {
    const failure = await withFaults(system, { outage: true }, () => failureOf(() => writerFor(system).holds([citizenHeldBy(system)], {})));
    expect(failure).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system });
  });

  it('fails a change the system refuses as LEGACY_WRITE_REFUSED, writing nothing', async () => {
    const change = addressChange(citizenHeldBy(system), { postcode: 'NOT A POSTCODE AT ALL' });
    const failure = await failureOf(() => writerFor(system).deliver(change, {}));
    expect(failure).toMatchObject({ code: 'LEGACY_WRITE_REFUSED', system });
    expect(failure.message).not.toContain(change.nino);
    expect(await recordsOf(system, change.nino)).toEqual([]);
  });
});

describe.each([
  ['pscs', pscsWriteProtocol],
  ['disability', disabilityWriteProtocol],
  ['jsaps', jsapsWriteProtocol],
] as const)('%s, which is not idempotent on its own', (system, protocol) => {
  it('applies the same change twice when it is written twice, so exactly once rests on the writer reading first', async () => {
    const change = addressChange(citizenHeldBy(system));
    const client = createLegacyClient(configFor().legacy[system]);
    clients.push(client);
    const reader = client.forRequest({ requestId: 'not-idempotent', deadline: deadlineIn(5_000) });
    await expect(protocol.write(reader, change)).resolves.toBe('applied');
    await expect(protocol.write(reader, change)).resolves.toBe('applied');
    expect((await recordsOf(system, change.nino)).map((record) => record.reference)).toEqual([change.reference, change.reference]);
    await expect(writerFor(system).deliver(change, {})).resolves.toBe('already-applied');
    expect(await recordsOf(system, change.nino)).toHaveLength(2);
  });
});

describe('what each writer sends', () => {
  it('answers a contact change not-held, without a call, where the system keeps no contact details', async () => {
    const nino = citizenHeldBy('pscs');
    const before = await operationCounts('pscs');
    const change: Change = { kind: 'contact', nino, reference: randomUUID(), effectiveDate: estate.population.asOf, phone: null, mobile: '07700900123', email: null };
    await expect(writerFor('pscs').deliver(change, {})).resolves.toBe('not-held');
    expect(await operationCounts('pscs')).toEqual(before);
    expect(writerFor('pscs').kinds).not.toContain('contact');
  });

  it('asks a batch system whom it holds in batches of its limit', async () => {
    const held = estate.population.people.filter((person) => person.jsapsAwards.length > 0).map((person) => person.nino).slice(0, 10);
    const ninos = [...held, ...Array.from({ length: 15 }, (_, index) => `AB${String(900000 + index)}C`)];
    const before = await operationCounts('jsaps');
    const holds = await writerFor('jsaps').holds(ninos, {});
    expect((await operationCounts('jsaps')).history).toBe(before.history! + 2);
    expect([...holds.values()].filter(Boolean)).toHaveLength(held.length);
    expect(holds.size).toBe(25);
  });

  it('delivers a death that stops the award the system serves from the day after', async () => {
    const nino = estate.population.people.find((person) => !handedOut.has(person.nino) && person.dateOfDeath === null && person.disabilityAwards.some((award) => award.status === 'L'))!.nino;
    handedOut.add(nino);
    await expect(writerFor('disability').deliver({ kind: 'death', nino, reference: randomUUID(), dateOfDeath: estate.population.asOf }, {})).resolves.toBe('applied');
    const claims = await (await request(`${estate.url}/disability/claims/${nino}`)).body.text();
    const awardLines = claims.split('\n').filter((line) => line.startsWith('AWD'));
    expect(awardLines.length).toBeGreaterThan(0);
    // Column 17 the status, 26-33 the end date: terminated on the date of death, paid up to it only.
    for (const line of awardLines) expect([line[16], line.slice(25, 33)]).toEqual(['T', estate.population.asOf.replaceAll('-', '')]);
  });
});
