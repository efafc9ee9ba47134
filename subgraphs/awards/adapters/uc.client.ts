import { parseLegacyJson } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Award } from '../domain.ts';
import { mapUcClaimants } from './uc.mapping.ts';

/** Universal Credit claims from the UC platform. */
export function createUcAdapter(client: LegacyReader) {
  return {
    /** Up to UC_BATCH_LIMIT NINOs; a NINO missing from the map has no Universal Credit claim. */
    async claims(ninos: readonly string[]): Promise<Map<string, Award>> {
      return client.read(
        { method: 'POST', path: '/v2/claimants:batchGet', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ninos }) },
        (response) => mapUcClaimants(parseLegacyJson(client.system, response.body)),
      );
    },
  };
}

export type UcAdapter = ReturnType<typeof createUcAdapter>;
