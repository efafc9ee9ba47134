import { cisEnquiry, cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { AddressRecord } from '../domain.ts';
import { mapAddressHistories, mapRestrictions } from './cis.mapping.ts';

/** CIS address enquiries, and the person enquiry that says whether a record is restricted. */
export function createCisAddressAdapter(client: LegacyReader) {
  return {
    async histories(ninos: readonly string[]): Promise<Map<string, AddressRecord[]>> {
      return cisEnquiry(client, '/v1/addresses/enquiry', ninos, 'ADDRESS_LIST', mapAddressHistories);
    },

    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    async restrictions(ninos: readonly string[]): Promise<Map<string, boolean>> {
      return cisPersonsEnquiry(client, ninos, mapRestrictions);
    },
  };
}

export type CisAddressAdapter = ReturnType<typeof createCisAddressAdapter>;
