import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE, startEstate, type Estate } from '../../../legacy-estate/index.ts';
import { loadConfig } from '../../../platform/config/index.ts';
import { createLegacyClient, deadlineIn, type LegacyClient } from '../../../platform/resilience/index.ts';
import { createAddressDirectory } from './postcodes.client.ts';

/** Reading an address by UPRN from the estate's postcode look-up, over loopback on port 0. */
let estate: Estate;
let client: LegacyClient;

beforeAll(async () => {
  estate = await startEstate({ size: 50 });
  client = createLegacyClient(loadConfig({ ESTATE_URL: estate.url }).legacy.postcodes);
});
afterAll(async () => {
  await client?.close();
  await estate?.close();
});

/** The look-up as one request sees it. */
const directory = () => createAddressDirectory(client.forRequest({ requestId: 'postcodes-client-test', deadline: deadlineIn(5_000) }));

async function uprnRequests(): Promise<number> {
  const stats = (await (await fetch(`${estate.url}/__stats`)).json()) as { postcodes: { operations: { uprn: number } } };
  return stats.postcodes.operations.uprn;
}

async function setFaults(settings: Record<string, unknown>): Promise<void> {
  expect((await fetch(`${estate.url}/__faults/postcodes`, { method: 'PUT', body: JSON.stringify(settings) })).status).toBe(200);
}

describe('byUprn', () => {
  it('reads the address somebody lives at', async () => {
    const home = estate.population.byNino(SHOWCASE.pensionerCouple.nino)!.addresses.at(-1)!.address;
    expect(await directory().byUprn(home.uprn)).toEqual({
      uprn: home.uprn,
      buildingName: home.buildingName?.toUpperCase() ?? null,
      buildingNumber: home.buildingNumber,
      thoroughfare: home.thoroughfare.toUpperCase(),
      postTown: home.postTown,
      postcode: home.postcode,
    });
  });

  it('reads an address in a street nobody in the population lives in: somewhere to move to', async () => {
    const [postcode] = estate.population.unoccupiedPostcodes;
    const lookup = (await (await fetch(`${estate.systemUrl('postcodes')}/addresses?postcode=${encodeURIComponent(postcode!)}`)).json()) as { results: Array<{ DPA: { UPRN: string } }> };
    const uprn = lookup.results.at(-1)!.DPA.UPRN;
    expect(await directory().byUprn(uprn)).toMatchObject({ uprn, postcode });
  });

  it('answers null for a UPRN the look-up does not know, and for one that cannot be a UPRN without asking', async () => {
    expect(await directory().byUprn('100000000000')).toBeNull();
    const before = await uprnRequests();
    expect(await directory().byUprn('12/../addresses')).toBeNull();
    expect(await uprnRequests()).toBe(before);
  });

  it('throws LEGACY_UNAVAILABLE when the look-up is down', async () => {
    await setFaults({ outage: true });
    try {
      await expect(directory().byUprn('100000000000')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'postcodes' });
    } finally {
      await setFaults({});
    }
  });
});
