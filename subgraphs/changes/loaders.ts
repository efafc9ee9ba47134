import { createBatchLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { SqlQueryable } from '../../platform/database/index.ts';
import type { CisReader } from './adapters/cis.client.ts';
import type { AddressDirectory } from './prepare.ts';
import { changesOf, findChanges } from './store/index.ts';

/** Rows asked of our own store in one statement. */
const STORE_BATCH_LIMIT = 100;

/**
 * One DataLoader per read, made afresh for every request, and the request's address look-up.
 * Store reads wait for `storeReady` (the change store's tables, created at start).
 */
export function createChangeLoaders(cis: CisReader, addresses: AddressDirectory, db: SqlQueryable, storeReady: Promise<void>) {
  return {
    person: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.persons(ninos) }),
    change: createBatchLoader({ maxBatchSize: STORE_BATCH_LIMIT, fetchBatch: async (ids) => (await storeReady, findChanges(db, ids)) }),
    changesOf: createBatchLoader({ maxBatchSize: STORE_BATCH_LIMIT, fetchBatch: async (ninos) => (await storeReady, changesOf(db, ninos)) }),
    addresses,
  };
}

export type ChangeLoaders = ReturnType<typeof createChangeLoaders>;
