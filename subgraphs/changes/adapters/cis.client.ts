import { cisEnquiry, cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import { mapPartners, mapPersons, type CisPerson } from './cis.mapping.ts';

/** CIS reads a reported change needs: the person (held? restricted? contact for a confirmation) and, for a death, the partner. */
export function createCisReader(client: LegacyReader) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    persons: (ninos: readonly string[]): Promise<Map<string, CisPerson>> => cisPersonsEnquiry(client, ninos, mapPersons),
    /** Each citizen's current partner's NINO, where CIS records one. */
    partners: (ninos: readonly string[]): Promise<Map<string, string>> => cisEnquiry(client, '/v1/relationships/enquiry', ninos, 'RELATIONSHIP_LIST', mapPartners),
  };
}

export type CisReader = ReturnType<typeof createCisReader>;
