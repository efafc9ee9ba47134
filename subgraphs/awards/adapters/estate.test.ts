import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEstate, SHOWCASE, type Estate } from '../../../legacy-estate/index.ts';
import { loadConfig } from '../../../platform/config/index.ts';
import { createLegacyClient, deadlineIn, type LegacyClient, type LegacyReader } from '../../../platform/resilience/index.ts';
import { createCisAwardsAdapter } from './cis-awards.client.ts';
import { createCisPersonsAdapter } from './cis-persons.client.ts';
import { createDisabilityAdapter } from './disability.client.ts';
import { JSAPS_BATCH_LIMIT } from '../../../platform/formats/index.ts';
import { createJsapsAdapter } from './jsaps.client.ts';
import { createPscsAdapter } from './pscs.client.ts';
import { createUcAdapter } from './uc.client.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';

/** Well formed, never issued by the estate. */
const UNKNOWN_NINO = 'AB999999D';

let estate: Estate;
const clients: LegacyClient[] = [];

beforeAll(async () => {
  estate = await startEstate({ port: 0, host: '127.0.0.1', size: 50 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await estate?.close();
});

/** The system as one request with a generous deadline sees it. */
function clientFor(system: 'cis' | 'uc' | 'pscs' | 'disability' | 'jsaps'): LegacyReader {
  const client = createLegacyClient(loadConfig({ ESTATE_URL: estate.url, LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '50' }).legacy[system]);
  clients.push(client);
  return client.forRequest({ requestId: 'estate-test', deadline: deadlineIn(10_000) });
}

async function setFaults(system: string, settings: Record<string, unknown>): Promise<void> {
  const response = await request(`${estate.url}/__faults/${system}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

describe('the PSCS adapter against the simulated State Pension mainframe', () => {
  it("returns the showcase pensioner's State Pension, in payment four-weekly", async () => {
    const award = await createPscsAdapter(clientFor('pscs')).pensionAward(SHOWCASE.pensionerCouple.nino);
    expect(award).toMatchObject({ benefit: 'STATE_PENSION', source: 'PSCS', status: 'LIVE', paymentFrequency: 'FOUR_WEEKLY' });
    expect(award?.weeklyAmountPence).toBeGreaterThan(0);
    expect(award?.amountPence).toBe(4 * (award?.weeklyAmountPence ?? 0));
    expect(award?.components.map((component) => component.kind)).toEqual(['BASIC_STATE_PENSION']);
  });

  it('returns null, not an error, for a NINO with no State Pension record', async () => {
    await expect(createPscsAdapter(clientFor('pscs')).pensionAward(SHOWCASE.deceased.nino)).resolves.toBeNull();
  });

  it("throws LegacyError naming pscs during the mainframe's outage", async () => {
    const pscs = createPscsAdapter(clientFor('pscs'));
    await setFaults('pscs', { outage: true });
    try {
      await expectLegacyFailure(() => pscs.pensionAward(SHOWCASE.pensionerCouple.nino), 'pscs');
    } finally {
      await setFaults('pscs', { outage: false });
    }
  });
});

describe('the disability adapter against the simulated disability benefits system', () => {
  it("returns the showcase claimant's PIP with both components", async () => {
    const awards = await createDisabilityAdapter(clientFor('disability')).claims(SHOWCASE.pipClaimant.nino);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({
      benefit: 'PERSONAL_INDEPENDENCE_PAYMENT',
      status: 'LIVE',
      components: [
        { kind: 'DAILY_LIVING', rate: 'ENHANCED', weeklyAmountPence: 11460 },
        { kind: 'MOBILITY', rate: 'ENHANCED', weeklyAmountPence: 8000 },
      ],
    });
  });

  it('answers a NINO the system has never seen (404) with no awards', async () => {
    await expect(createDisabilityAdapter(clientFor('disability')).claims(UNKNOWN_NINO)).resolves.toEqual([]);
  });
});

describe('the batch adapters against CIS and the UC platform', () => {
  it('reads CIS award summaries for several citizens in one enquiry', async () => {
    const awards = await createCisAwardsAdapter(clientFor('cis')).awards([SHOWCASE.pensionerCouple.nino, SHOWCASE.ucFamily.partnerNino, UNKNOWN_NINO]);
    expect(awards.get(SHOWCASE.pensionerCouple.nino)?.map((award) => award.benefit)).toEqual(['PENSION_CREDIT']);
    expect(awards.get(SHOWCASE.ucFamily.partnerNino)?.every((award) => award.benefit === 'CHILD_BENEFIT')).toBe(true);
    expect(awards.has(UNKNOWN_NINO)).toBe(false);
  });

  it('reads Universal Credit claims for several citizens in one batchGet', async () => {
    const awards = await createUcAdapter(clientFor('uc')).claims([SHOWCASE.ucFamily.nino, SHOWCASE.pipClaimant.nino, UNKNOWN_NINO]);
    expect(awards.get(SHOWCASE.ucFamily.nino)).toMatchObject({ benefit: 'UNIVERSAL_CREDIT', status: 'LIVE', habitualResidence: { outcome: 'PASSED' } });
    expect(awards.get(SHOWCASE.pipClaimant.nino)?.components.map((component) => component.kind)).toContain('LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY');
    expect(awards.has(UNKNOWN_NINO)).toBe(false);
  });

  it('reads a showcase pregnancy from the UC record', async () => {
    const awards = await createUcAdapter(clientFor('uc')).claims([SHOWCASE.pregnantClaimant.nino, SHOWCASE.ucFamily.nino]);
    expect(awards.get(SHOWCASE.pregnantClaimant.nino)?.expectedDeliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(awards.get(SHOWCASE.ucFamily.nino)?.expectedDeliveryDate).toBeNull();
  });

  it('reads a household from CIS: a parent\'s children and everyone\'s dates of birth', async () => {
    const persons = createCisPersonsAdapter(clientFor('cis'));
    const { nino, childNinos } = SHOWCASE.incomeSupportParent;
    expect((await persons.children([nino, SHOWCASE.jsaClaimant.nino])).get(nino)).toEqual([...childNinos]);
    const dates = await persons.persons([nino, ...childNinos, UNKNOWN_NINO]);
    expect(childNinos.map((child) => dates.get(child)?.dateOfBirth)).toEqual(['2016-01-12', '2024-08-30']);
    expect(dates.has(UNKNOWN_NINO)).toBe(false);
  });
});

describe('the JSAPS adapter against the simulated JSA mainframe', () => {
  it('reads JSA and Income Support for several citizens in one enquiry', async () => {
    const awards = await createJsapsAdapter(clientFor('jsaps')).awards([SHOWCASE.jsaClaimant.nino, SHOWCASE.incomeSupportParent.nino, UNKNOWN_NINO]);
    expect(awards.get(SHOWCASE.jsaClaimant.nino)).toEqual([expect.objectContaining({ benefit: 'JOBSEEKERS_ALLOWANCE', source: 'JSAPS', status: 'LIVE', paymentFrequency: 'FORTNIGHTLY', amountPence: 19110 })]);
    expect(awards.get(SHOWCASE.incomeSupportParent.nino)).toEqual([expect.objectContaining({ benefit: 'INCOME_SUPPORT', status: 'LIVE' })]);
    expect(awards.has(UNKNOWN_NINO)).toBe(false);
  });

  it('takes a full batch of JSAPS_BATCH_LIMIT NINOs, the most the system accepts', async () => {
    const ninos = Array.from({ length: JSAPS_BATCH_LIMIT }, (_, index) => `AB${String(900000 + index)}C`);
    await expect(createJsapsAdapter(clientFor('jsaps')).awards(ninos)).resolves.toEqual(new Map());
    await expectLegacyFailure(() => createJsapsAdapter(clientFor('jsaps')).awards([...ninos, 'AB999999C']), 'jsaps');
  });

  it("throws LegacyError naming jsaps during the mainframe's outage", async () => {
    const jsaps = createJsapsAdapter(clientFor('jsaps'));
    await setFaults('jsaps', { outage: true });
    try {
      await expectLegacyFailure(() => jsaps.awards([SHOWCASE.jsaClaimant.nino]), 'jsaps');
    } finally {
      await setFaults('jsaps', { outage: false });
    }
  });
});
