import { cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyClient } from '../../../platform/resilience/index.ts';
import { mapDeathRecords, type DeathRecord } from './cis-persons.mapping.ts';

/** CIS person enquiries, for the date of death that ends every payment schedule. */
export function createCisPersonsAdapter(client: LegacyClient) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    async deaths(ninos: readonly string[]): Promise<Map<string, DeathRecord>> {
      return mapDeathRecords(await cisPersonsEnquiry(client, ninos));
    },
  };
}

export type CisPersonsAdapter = ReturnType<typeof createCisPersonsAdapter>;
