import { cisEnquiry } from '../../../platform/formats/index.ts';
import type { LegacyReader } from '../../../platform/resilience/index.ts';
import type { Relationship } from '../domain.ts';
import { mapRelationships } from './cis.mapping.ts';

/** CIS relationship enquiries. */
export function createCisRelationshipAdapter(client: LegacyReader) {
  return {
    async relationships(ninos: readonly string[]): Promise<Map<string, Relationship[]>> {
      return cisEnquiry(client, '/v1/relationships/enquiry', ninos, 'RELATIONSHIP_LIST', mapRelationships);
    },
  };
}

export type CisRelationshipAdapter = ReturnType<typeof createCisRelationshipAdapter>;
