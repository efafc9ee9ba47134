import DataLoader from 'dataloader';
import { createBatchLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { SqlQueryable } from '../../platform/database/index.ts';
import type { CisReader } from './adapters/cis.client.ts';
import { DELIVERY_SYSTEMS, type DeliverySystem } from './adapters/legacy-writer.ts';
import type { SystemHistory } from './adapters/legacy-history.ts';
import type { AddressDirectory } from './prepare.ts';
import { changesOf, findChanges, reviewTasksOf } from './store/index.ts';
import type { SystemHistoryResult } from './timeline/events.ts';

/** Rows asked of our own store in one statement. */
const STORE_BATCH_LIMIT = 100;

/** A system's history enquiry for one request: per NINO asked, its history, null where it holds no record, or the Error its batch failed with. */
export type HistoryReader = (system: DeliverySystem, ninos: readonly string[]) => Promise<ReadonlyMap<string, SystemHistory | null | Error>>;

/**
 * One history loader per system. A failed enquiry is answered as each NINO's Error, which
 * DataLoader keeps for the request (a rejected batch it would forget and ask again): one
 * enquiry per system per request, whether it answers or not.
 */
function historyLoaders(read: HistoryReader): Readonly<Record<DeliverySystem, DataLoader<string, SystemHistory | null>>> {
  const loaders = DELIVERY_SYSTEMS.map((system) => {
    const loader = new DataLoader<string, SystemHistory | null>(async (ninos) => {
      const found = await read(system, ninos);
      return ninos.map((nino) => found.get(nino) ?? null);
    });
    return [system, loader] as const;
  });
  return Object.fromEntries(loaders) as Record<DeliverySystem, DataLoader<string, SystemHistory | null>>;
}

/**
 * One DataLoader per read, made afresh for every request, and the request's address look-up.
 * Store reads wait for `storeReady` (the change store's tables, created at start).
 */
export function createChangeLoaders(cis: CisReader, addresses: AddressDirectory, db: SqlQueryable, storeReady: Promise<void>, histories: HistoryReader) {
  const history = historyLoaders(histories);
  return {
    /** Every system's history of the citizen, or the Error that kept it from being read, in delivery order. */
    historiesOf: (nino: string): Promise<SystemHistoryResult[]> =>
      Promise.all(DELIVERY_SYSTEMS.map((system) => history[system].load(nino).then((found): SystemHistoryResult => ({ system, history: found }), (error: Error): SystemHistoryResult => ({ system, history: error })))),
    person: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.persons(ninos) }),
    partner: createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cis.partners(ninos) }),
    change: createBatchLoader({ maxBatchSize: STORE_BATCH_LIMIT, fetchBatch: async (ids) => (await storeReady, findChanges(db, ids)) }),
    changesOf: createBatchLoader({ maxBatchSize: STORE_BATCH_LIMIT, fetchBatch: async (ninos) => (await storeReady, changesOf(db, ninos)) }),
    reviewTasksOf: createBatchLoader({ maxBatchSize: STORE_BATCH_LIMIT, fetchBatch: async (ninos) => (await storeReady, reviewTasksOf(db, ninos)) }),
    addresses,
  };
}

export type ChangeLoaders = ReturnType<typeof createChangeLoaders>;
