import { cisEnquiry, cisPersonsEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import { mapBirthDates, mapChildren } from './cis-household.mapping.ts';

/** CIS relationships and dates of birth: the household a Healthy Start check needs (children under four, an applicant under 18). */
export function createCisHouseholdAdapter(client: LegacyReader) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map has no child recorded. */
    async children(ninos: readonly string[]): Promise<Map<string, string[]>> {
      return cisEnquiry(client, '/v1/relationships/enquiry', ninos, 'RELATIONSHIP_LIST', mapChildren);
    },
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map is not on CIS. */
    async birthDates(ninos: readonly string[]): Promise<Map<string, string>> {
      return cisPersonsEnquiry(client, ninos, mapBirthDates);
    },
  };
}

export type CisHouseholdAdapter = ReturnType<typeof createCisHouseholdAdapter>;
