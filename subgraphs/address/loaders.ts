import { createBatchLoader, createSingleLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { CisAddressAdapter } from './adapters/cis.client.ts';
import type { PostcodeAdapter } from './adapters/postcodes.client.ts';

/** One DataLoader per legacy operation, made afresh for every request. */
export function createAddressLoaders(cis: CisAddressAdapter, postcodes: PostcodeAdapter, concurrency: number) {
  return {
    history: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.histories(ninos) }),
    restricted: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.restrictions(ninos) }),
    lookup: createSingleLoader({ concurrency, fetchOne: (postcode) => postcodes.addresses(postcode) }),
  };
}

export type AddressLoaders = ReturnType<typeof createAddressLoaders>;
