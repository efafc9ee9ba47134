import { isValid, toNormalised } from 'postcode';
import { addressForUprn, unitForPostcode, unoccupiedPostcodes } from '../population/addresses.ts';
import { createRng } from '../population/prng.ts';
import type { Address } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { json } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/**
 * For every four postcodes someone in the population has lived at, the look-up knows one more
 * where nobody has: so about one postcode in five it answers for is somewhere nobody lives yet
 * (a change of address needs somewhere to move to), and a postcode's being known says nothing
 * about whether anyone lives there.
 */
const UNOCCUPIED_SHARE = 1 / 5;

/** Address look-up in the style of OS Places: DPA records in upper case, absent fields omitted. */
function dpaRecord(address: Address) {
  return {
    DPA: {
      UPRN: address.uprn,
      ...(address.buildingNumber ? { BUILDING_NUMBER: address.buildingNumber } : {}),
      ...(address.buildingName ? { BUILDING_NAME: address.buildingName.toUpperCase() } : {}),
      THOROUGHFARE_NAME: address.thoroughfare.toUpperCase(),
      POST_TOWN: address.postTown,
      POSTCODE: address.postcode,
    },
  };
}

function error(status: number, message: string): SystemResponse {
  return json(status, { error: { statuscode: status, message } });
}

function results(query: string, addresses: readonly Address[]): SystemResponse {
  if (addresses.length === 0) return json(200, { header: { query, totalresults: 0 } });
  return json(200, { header: { query, totalresults: addresses.length }, results: addresses.map(dpaRecord) });
}

/** The postcodes the look-up knows beyond those anyone has lived at; the same for the same seed and population. */
export function pickUnoccupiedPostcodes(population: PopulationIndex, seed: number): ReadonlySet<string> {
  const count = Math.round((population.postcodeCount * UNOCCUPIED_SHARE) / (1 - UNOCCUPIED_SHARE));
  return unoccupiedPostcodes(createRng(seed, 0x7ac4), count, population.hasPostcode);
}

export function createPostcodesSystem(population: PopulationIndex, unoccupied: ReadonlySet<string>): LegacySystem {
  const known = (postcode: string) => population.hasPostcode(postcode) || unoccupied.has(postcode);

  function byPostcode(request: SystemRequest): SystemResponse {
    const query = request.query.get('postcode') ?? '';
    const postcode = isValid(query) ? toNormalised(query) : null;
    if (!postcode) return error(400, 'Requested postcode is not a valid UK postcode.');
    return results(query, known(postcode) ? (unitForPostcode(postcode)?.addresses ?? []) : []);
  }

  function byUprn(_request: SystemRequest, match: RegExpExecArray): SystemResponse {
    const uprn = match[1] ?? '';
    if (!/^\d{1,12}$/.test(uprn)) return error(400, 'Requested UPRN must be a number of up to 12 digits.');
    const address = addressForUprn(uprn);
    return results(`uprn=${uprn}`, address && known(address.postcode) ? [address] : []);
  }

  return {
    id: 'postcodes',
    routes: [
      { method: 'GET', pattern: /^\/addresses$/, operation: 'addresses', handle: byPostcode },
      { method: 'GET', pattern: /^\/v1\/uprn\/([^/]+)$/, operation: 'uprn', handle: byUprn },
    ],
    failure: (status, message) => error(status, message),
    malformed: () => json(200, {}),
  };
}
