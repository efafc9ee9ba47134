import { cisEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { AddressRecord } from '../domain.ts';
import { mapAddressHistories } from './cis.mapping.ts';

/** CIS address enquiries. */
export function createCisAddressAdapter(client: LegacyReader) {
  return {
    async histories(ninos: readonly string[]): Promise<Map<string, AddressRecord[]>> {
      return cisEnquiry(client, '/v1/addresses/enquiry', ninos, 'ADDRESS_LIST', mapAddressHistories);
    },
  };
}

export type CisAddressAdapter = ReturnType<typeof createCisAddressAdapter>;
