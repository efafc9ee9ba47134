import type { Config } from '../../../platform/config/index.ts';
import { createLegacyClient, type LegacyClient, type LegacyClientOptions } from '../../../platform/resilience/index.ts';
import { cisWriteProtocol } from './cis.writer.ts';
import { disabilityWriteProtocol } from './disability.writer.ts';
import { jsapsWriteProtocol } from './jsaps.writer.ts';
import { paymentsWriteProtocol } from './payments.writer.ts';
import { pscsWriteProtocol } from './pscs.writer.ts';
import { createReadBeforeWriteWriter, type WriteProtocol } from './read-before-write.ts';
import { ucWriteProtocol } from './uc.writer.ts';

/**
 * The contract between the changes subgraph and the legacy systems it writes to: one writer
 * per system, each delivering a change exactly once by asking the system's own history for
 * the change's reference before writing it. Writers never retry; the delivery queue does,
 * and the read-before-write makes its retries safe.
 */
export type ChangeKind = 'address' | 'contact' | 'death';

/** The systems a change can be delivered to, in delivery order: CIS (the master) first. */
export const DELIVERY_SYSTEMS = ['cis', 'uc', 'pscs', 'disability', 'payments', 'jsaps'] as const;
export type DeliverySystem = (typeof DELIVERY_SYSTEMS)[number];

export interface NewAddress {
  uprn: string;
  buildingName: string | null;
  buildingNumber: string | null;
  thoroughfare: string;
  postTown: string;
  postcode: string;
}

interface ChangeBase {
  nino: string;
  /** Ours, unique per change and system: `<change id>` */
  reference: string;
}

export interface AddressChange extends ChangeBase {
  kind: 'address';
  /** ISO `YYYY-MM-DD`. */
  effectiveDate: string;
  address: NewAddress;
  /** The citizen's address is protected: every system that keeps it marks it so. */
  restricted: boolean;
}

/** A null detail is not being changed: the system keeps what it holds. */
export interface ContactChange extends ChangeBase {
  kind: 'contact';
  effectiveDate: string;
  phone: string | null;
  mobile: string | null;
  email: string | null;
}

export interface DeathReport extends ChangeBase {
  kind: 'death';
  dateOfDeath: string;
}

export type Change = AddressChange | ContactChange | DeathReport;

/** applied: written now; already-applied: the system already held this reference; not-held: the system holds no live award / record for the citizen. */
export type WriteOutcome = 'applied' | 'already-applied' | 'not-held';

export interface LegacyWriter {
  readonly system: DeliverySystem;
  /** The kinds of change this system keeps (e.g. contact details only where it holds them). */
  readonly kinds: readonly ChangeKind[];
  /** Whether each citizen has a live award / record on this system (batched to the system's limit). Throws LegacyError when it cannot be read. */
  holds(ninos: readonly string[], options: { signal?: AbortSignal }): Promise<ReadonlyMap<string, boolean>>;
  /**
   * Exactly once by read-before-write: asks the system's history whether `change.reference` is already
   * applied, and writes only if not. Throws LegacyError (platform/errors) on an outage, timeout or fault;
   * a permanent refusal (the system rejects the record) is a LegacyError with a code that says so.
   */
  deliver(change: Change, options: { signal?: AbortSignal }): Promise<WriteOutcome>;
}

/** Every system's own write and history operations, by system. */
export const PROTOCOLS: Readonly<Record<DeliverySystem, WriteProtocol>> = {
  cis: cisWriteProtocol,
  uc: ucWriteProtocol,
  pscs: pscsWriteProtocol,
  disability: disabilityWriteProtocol,
  payments: paymentsWriteProtocol,
  jsaps: jsapsWriteProtocol,
};

/**
 * One writer per delivery system, each over its own legacy client (breaker, metrics, logs).
 * The record is all writers; `close()` (not enumerable, so `Object.values` lists writers only)
 * closes their connection pools.
 */
export function createLegacyWriters(config: Config, clientOptions: LegacyClientOptions): Readonly<Record<DeliverySystem, LegacyWriter>> & { close(): Promise<void> } {
  const clients: LegacyClient[] = [];
  const writers = Object.fromEntries(
    DELIVERY_SYSTEMS.map((system) => {
      const client = createLegacyClient(config.legacy[system], clientOptions);
      clients.push(client);
      return [system, createReadBeforeWriteWriter(PROTOCOLS[system], client, config.legacy)];
    }),
  ) as Record<DeliverySystem, LegacyWriter>;
  const close = async () => {
    await Promise.all(clients.map((client) => client.close()));
  };
  return Object.defineProperty(writers, 'close', { value: close, enumerable: false }) as Record<DeliverySystem, LegacyWriter> & { close(): Promise<void> };
}
