import { cisEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapCisAwards } from './cis-awards.mapping.ts';

/** CIS award summaries: the benefits whose own systems have no API (Pension Credit, Carer's Allowance, Child Benefit, BSP). */
export function createCisAwardsAdapter(client: LegacyReader) {
  return {
    /** Up to CIS_BATCH_LIMIT NINOs; a NINO missing from the map holds no award on CIS. */
    async awards(ninos: readonly string[]): Promise<Map<string, Award[]>> {
      return cisEnquiry(client, '/v1/awards/enquiry', ninos, 'AWARD_LIST', mapCisAwards);
    },
  };
}

export type CisAwardsAdapter = ReturnType<typeof createCisAwardsAdapter>;
