import DataLoader from 'dataloader';
import { mapSettled } from '../resilience/index.ts';

/**
 * Loader for a system that answers many keys in one call. `fetchBatch` returns what it found
 * keyed by key; keys it did not return resolve to null, so one unknown NINO never fails its
 * batch. `maxBatchSize` is the legacy system's own limit.
 */
export function createBatchLoader<V>(options: { maxBatchSize: number; fetchBatch: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>> }): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const found = await options.fetchBatch(keys);
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: options.maxBatchSize },
  );
}

/**
 * Loader for a system that answers one key per call: one call per distinct key per request
 * (DataLoader de-duplicates), at most `concurrency` in flight, each failure confined to its key.
 */
export function createSingleLoader<V>(options: { concurrency: number; fetchOne: (key: string) => Promise<V> }): DataLoader<string, V> {
  return new DataLoader<string, V>((keys) => mapSettled(keys, options.concurrency, options.fetchOne));
}
