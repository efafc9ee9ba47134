import { deadlineIn, mapSettled, type LegacyClient, type LegacyReader } from '../../../platform/resilience/index.ts';
import type { HistoryByNino, SystemHistory } from './legacy-history.ts';
import type { Change, ChangeKind, DeliverySystem, LegacyWriter, WriteOutcome } from './legacy-writer.ts';

/**
 * A legacy system's own operations, as a writer needs them: its history enquiry (which also
 * says whom it holds) and its write. Each `<system>.writer.ts` provides one; I/O through the
 * reader only, parsing in its `.writer-mapping.ts`.
 */
export interface WriteProtocol {
  readonly system: DeliverySystem;
  readonly kinds: readonly ChangeKind[];
  /** The most NINOs one history enquiry takes (1 for a one-NINO-per-call system). */
  readonly batchLimit: number;
  history(reader: LegacyReader, ninos: readonly string[]): Promise<HistoryByNino>;
  /** Writes a change the history showed not applied yet: `not-held` when the system answers it holds no record, `already-applied` when an idempotent system recognises the reference. */
  write(reader: LegacyReader, change: Change): Promise<WriteOutcome>;
}

export interface WriterLimits {
  /** The whole budget of one `holds` or `deliver`, history read and write together. */
  readonly writeDeadlineMs: number;
  /** Concurrent history enquiries to a one-NINO-per-call system. */
  readonly singleLookupConcurrency: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Each NINO's history on one system, asked in the system's own batches with at most
 * `concurrency` enquiries in flight: null where the system holds no record of the citizen,
 * and the Error a batch failed with for each NINO of that batch.
 */
export async function readHistories(protocol: WriteProtocol, reader: LegacyReader, ninos: readonly string[], concurrency: number): Promise<Map<string, SystemHistory | null | Error>> {
  const batches = chunks([...new Set(ninos)], protocol.batchLimit);
  const answers = await mapSettled(batches, concurrency, (batch) => protocol.history(reader, batch));
  const histories = new Map<string, SystemHistory | null | Error>();
  answers.forEach((answer, index) => {
    for (const nino of batches[index]!) histories.set(nino, answer instanceof Error ? answer : (answer.get(nino) ?? null));
  });
  return histories;
}

/**
 * Exactly once by read-before-write: `deliver` asks the system's history for the change's
 * reference and writes only when it is absent. A write whose reply was lost is found in the
 * history on the next attempt, so even a system that applies every write it receives (PSCS,
 * disability) holds each change once, provided one system's deliveries for a citizen are not
 * run concurrently (the delivery queue orders them per citizen).
 */
export function createReadBeforeWriteWriter(protocol: WriteProtocol, client: LegacyClient, limits: WriterLimits): LegacyWriter {
  const readerFor = (requestId: string, signal: AbortSignal | undefined): LegacyReader =>
    client.forRequest({ requestId, deadline: deadlineIn(limits.writeDeadlineMs), ...(signal ? { signal } : {}) });

  return {
    system: protocol.system,
    kinds: protocol.kinds,
    async holds(ninos, { signal }) {
      const histories = await readHistories(protocol, readerFor(`holds:${protocol.system}`, signal), ninos, limits.singleLookupConcurrency);
      const held = new Map<string, boolean>();
      for (const [nino, history] of histories) {
        if (history instanceof Error) throw history;
        held.set(nino, history !== null);
      }
      return held;
    },
    async deliver(change, { signal }) {
      // A kind this system does not keep has nothing to write to: it holds no record of it.
      if (!protocol.kinds.includes(change.kind)) return 'not-held';
      const reader = readerFor(change.reference, signal);
      const history = (await protocol.history(reader, [change.nino])).get(change.nino) ?? null;
      if (history === null) return 'not-held';
      if (history.changes.some((recorded) => recorded.reference === change.reference)) return 'already-applied';
      return protocol.write(reader, change);
    },
  };
}
