import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapDisabilityClaims } from './disability.mapping.ts';

/** The disability system answers 404 for a NINO it has never seen: no awards, not a failure. */
const NO_CLAIMANT_RECORD = 404;

/** PIP, DLA and Attendance Allowance awards from the disability benefits system: one NINO per call. */
export function createDisabilityAdapter(client: LegacyReader) {
  return {
    async claims(nino: string): Promise<Award[]> {
      return client.read({ method: 'GET', path: `/claims/${encodeURIComponent(nino)}`, acceptStatuses: [NO_CLAIMANT_RECORD] }, (response) =>
        response.statusCode === NO_CLAIMANT_RECORD ? [] : mapDisabilityClaims(response.body),
      );
    },
  };
}

export type DisabilityAdapter = ReturnType<typeof createDisabilityAdapter>;
