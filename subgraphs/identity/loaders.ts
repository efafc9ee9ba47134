import { createBatchLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { CisPersonsAdapter } from './adapters/cis.client.ts';

/** One DataLoader per legacy operation, made afresh for every request. */
export function createIdentityLoaders(cis: CisPersonsAdapter) {
  return {
    person: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.persons(ninos) }),
    trace: cis.trace,
  };
}

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
