import DataLoader from 'dataloader';
import { createBatchLoader, createSingleLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { SqlQueryable } from '../../platform/database/index.ts';
import type { CisReader } from './adapters/cis.client.ts';
import { DELIVERY_SYSTEMS, type DeliverySystem } from './adapters/legacy-writer.ts';
import type { SystemHistory } from './adapters/legacy-history.ts';
import type { SentNotification } from './adapters/notify.client.ts';
import type { AddressDirectory } from './prepare.ts';
import { changesOf, findChanges, reviewTasksOf } from './store/index.ts';
import type { SystemHistoryResult } from './timeline/events.ts';

/** Rows asked of our own store in one statement. */
const STORE_BATCH_LIMIT = 100;

/** A system's history enquiry for one request: per NINO asked, its history, null where it holds no record, or the Error its batch failed with. */
export type HistoryReader = (system: DeliverySystem, ninos: readonly string[]) => Promise<ReadonlyMap<string, SystemHistory | null | Error>>;

/** Notify's list-by-reference for one request, and how many of its calls may be in flight. */
export interface NotificationReader {
  readonly sentWithReference: (reference: string) => Promise<SentNotification | null>;
  readonly concurrency: number;
}

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
export function createChangeLoaders(cis: CisReader, addresses: AddressDirectory, db: SqlQueryable, storeReady: Promise<void>, histories: HistoryReader, notifications: NotificationReader) {
  const history = historyLoaders(histories);
  // Notify is asked one reference per call; a failure is kept for the request like any other answer.
  const notification = createSingleLoader({ concurrency: notifications.concurrency, fetchOne: notifications.sentWithReference });
  return {
    /** What Notify holds for each change, or the first Error met asking: Notify unreadable is one gap, however many changes. */
    notificationsOf: async (changeIds: readonly string[]): Promise<ReadonlyMap<string, SentNotification | null> | Error> => {
      const answers = await notification.loadMany(changeIds);
      const failed = answers.find((answer) => answer instanceof Error);
      return failed ?? new Map(changeIds.map((changeId, index) => [changeId, answers[index] as SentNotification | null]));
    },
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
