import { createBatchLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { CisRelationshipAdapter } from './adapters/cis.client.ts';

/** One DataLoader per legacy operation, made afresh for every request. */
export function createRelationshipLoaders(cis: CisRelationshipAdapter) {
  return {
    relationships: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.relationships(ninos) }),
  };
}

export type RelationshipLoaders = ReturnType<typeof createRelationshipLoaders>;
