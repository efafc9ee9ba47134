import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEstate, type Estate, type Person } from '../../../legacy-estate/index.ts';
import { loadConfig } from '../../../platform/config/index.ts';
import { LegacyError } from '../../../platform/errors/index.ts';
import { createLegacyWriters, type Change, type DeliverySystem, type LegacyWriter } from './legacy-writer.ts';

/** Well formed, never issued by the estate. */
const UNKNOWN_NINO = 'AB999999D';
/** Short, so a hung system fails the write by its deadline well inside the test's time. */
const WRITE_DEADLINE_MS = 400;

let estate: Estate;
let writers: ReturnType<typeof createLegacyWriters>;

beforeAll(async () => {
  estate = await startEstate({ size: 200 });
  writers = createLegacyWriters(loadConfig({ ESTATE_URL: estate.url, LEGACY_WRITE_DEADLINE_MS: String(WRITE_DEADLINE_MS), LEGACY_BREAKER_MIN_CALLS: '1000' }), {});
});
afterAll(async () => {
  await writers?.close();
  await estate?.close();
});

/** Who each system holds a record for, as the seeded population says. */
const HOLDS: Readonly<Partial<Record<DeliverySystem, (person: Person) => boolean>>> = {
  cis: () => true,
};

/** Citizens each test may change, handed out once so no two tests share a citizen. */
const handedOut = new Set<string>();
function citizenHeldBy(system: DeliverySystem): string {
  const person = estate.population.people.find((candidate) => !handedOut.has(candidate.nino) && candidate.dateOfDeath === null && HOLDS[system]!(candidate));
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

describe.each(Object.keys(HOLDS) as DeliverySystem[])('the %s writer against the simulated system', (system) => {
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
    ['an outage', 'LEGACY_UNAVAILABLE', { outage: true }],
    ['a malformed answer', 'LEGACY_UNAVAILABLE', { malformedRate: 1 }],
    ['a hang past the write deadline', 'LEGACY_TIMEOUT', { hang: true }],
  ])('fails %s as a LegacyError %s naming the system only, writing nothing', async (_name, code, settings) => {
    const change = addressChange(citizenHeldBy(system));
    const failure = await withFaults(system, settings, () => failureOf(() => writerFor(system).deliver(change, {})));
    expect(failure).toMatchObject({ code, system });
    expect(failure.message).not.toContain(change.nino);
    expect(failure.message).not.toContain(change.reference);
    expect(await recordsOf(system, change.nino)).toEqual([]);
  });

  it('fails a change the system refuses as LEGACY_WRITE_REFUSED, writing nothing', async () => {
    const change = addressChange(citizenHeldBy(system), { postcode: 'NOT A POSTCODE AT ALL' });
    const failure = await failureOf(() => writerFor(system).deliver(change, {}));
    expect(failure).toMatchObject({ code: 'LEGACY_WRITE_REFUSED', system });
    expect(failure.message).not.toContain(change.nino);
    expect(await recordsOf(system, change.nino)).toEqual([]);
  });
});
