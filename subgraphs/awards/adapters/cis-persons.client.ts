import { cisEnquiry, cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import { mapChildren, mapPersonDates, type PersonDates } from './cis-persons.mapping.ts';

/**
 * CIS person and relationship enquiries: the dates of birth and death that bound payment
 * schedules and the Healthy Start check, and the children that check counts.
 */
export function createCisPersonsAdapter(client: LegacyReader) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    async persons(ninos: readonly string[]): Promise<Map<string, PersonDates>> {
      return cisPersonsEnquiry(client, ninos, mapPersonDates);
    },
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map has no child recorded. */
    async children(ninos: readonly string[]): Promise<Map<string, string[]>> {
      return cisEnquiry(client, '/v1/relationships/enquiry', ninos, 'RELATIONSHIP_LIST', mapChildren);
    },
  };
}

export type CisPersonsAdapter = ReturnType<typeof createCisPersonsAdapter>;
