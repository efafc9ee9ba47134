import { isValid, toNormalised } from 'postcode';
import { unitForPostcode } from '../population/addresses.ts';
import type { Address } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { json } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

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

function addresses(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const query = request.query.get('postcode') ?? '';
    const postcode = isValid(query) ? toNormalised(query) : null;
    if (!postcode) return error(400, 'Requested postcode is not a valid UK postcode.');
    const unit = population.hasPostcode(postcode) ? unitForPostcode(postcode) : undefined;
    if (!unit) return json(200, { header: { query, totalresults: 0 } });
    return json(200, { header: { query, totalresults: unit.addresses.length }, results: unit.addresses.map(dpaRecord) });
  };
}

export function createPostcodesSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'postcodes',
    routes: [{ method: 'GET', pattern: /^\/addresses$/, operation: 'addresses', handle: addresses(population) }],
    failure: (status, message) => error(status, message),
    malformed: () => json(200, {}),
  };
}
