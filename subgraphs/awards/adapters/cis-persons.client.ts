import { cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import { mapDeathRecords, type DeathRecord } from './cis-persons.mapping.ts';

/** CIS person enquiries, for the date of death that ends every payment schedule. */
export function createCisPersonsAdapter(client: LegacyReader) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    async deaths(ninos: readonly string[]): Promise<Map<string, DeathRecord>> {
      return cisPersonsEnquiry(client, ninos, mapDeathRecords);
    },
  };
}

export type CisPersonsAdapter = ReturnType<typeof createCisPersonsAdapter>;
