import pLimit from 'p-limit';

/**
 * Runs `task` for every key with at most `limit` in flight, keeping each outcome (value or
 * Error) in key order: one failed look-up must not fail its neighbours in a DataLoader batch.
 */
export async function mapSettled<K, V>(keys: readonly K[], limit: number, task: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  const gate = pLimit(limit);
  return Promise.all(
    keys.map((key) => gate(() => task(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))),
  );
}
