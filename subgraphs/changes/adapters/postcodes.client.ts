import { parseLegacyJson } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { AddressDirectory } from '../prepare.ts';
import { mapUprnLookup } from './postcodes.mapping.ts';

/** The address look-up by UPRN (OS Places' `/uprn`), one UPRN per call. */
export function createAddressDirectory(client: LegacyReader): AddressDirectory {
  return {
    byUprn: (uprn) =>
      /^\d{1,12}$/.test(uprn)
        ? client.read({ method: 'GET', path: `/v1/uprn/${uprn}` }, (response) => mapUprnLookup(parseLegacyJson(client.system, response.body)))
        : Promise.resolve(null),
  };
}
