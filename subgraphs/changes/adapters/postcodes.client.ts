import { parseLegacyJson } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { NewAddress } from './legacy-writer.ts';
import { isUprn, mapUprnLookup, uprnLookupPath } from './postcodes.mapping.ts';


/**
 * The postcode look-up by UPRN (OS Places' `/uprn`) as one request sees it, one UPRN per call.
 * `byUprn` answers the address a UPRN names (somebody lives there or nobody does), or null
 * when the look-up knows no such UPRN or the value cannot be one (then it is never sent);
 * it throws LegacyError when the look-up cannot be read.
 */
export function createAddressDirectory(client: LegacyReader): { byUprn(uprn: string): Promise<NewAddress | null> } {
  return {
    byUprn: async (uprn) => {
      if (!isUprn(uprn)) return null;
      return client.read({ method: 'GET', path: uprnLookupPath(uprn) }, (response) => mapUprnLookup(parseLegacyJson(client.system, response.body), uprn));
    },
  };
}
