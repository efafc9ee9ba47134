import { cisEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyClient } from '../../../platform/resilience/index.ts';
import type { Relationship } from '../domain.ts';
import { mapRelationships } from './cis.mapping.ts';

/** CIS relationship enquiries. */
export function createCisRelationshipAdapter(client: LegacyClient) {
  return {
    async relationships(ninos: readonly string[]): Promise<Map<string, Relationship[]>> {
      return mapRelationships(await cisEnquiry(client, '/v1/relationships/enquiry', ninos, 'RELATIONSHIP_LIST'));
    },
  };
}

export type CisRelationshipAdapter = ReturnType<typeof createCisRelationshipAdapter>;
