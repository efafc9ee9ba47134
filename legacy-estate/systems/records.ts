import type { IsoDate } from '../population/dates.ts';
import type { Address } from '../population/types.ts';
import { openJournal } from './journal.ts';

/**
 * A change of circumstances as one system recorded it: whatever format it arrived in, the
 * system keeps the same facts, under the client reference the sender gave it.
 */
interface AppliedBase {
  /** The stored form of the NINO. */
  nino: string;
  /** The sender's reference, which the system's history enquiry reports back. */
  reference: string;
  effectiveDate: IsoDate;
  /** When the system applied it (ISO timestamp). */
  appliedAt: string;
}

export interface AppliedAddress extends AppliedBase {
  kind: 'address';
  address: Address;
  /** The new address must not be disclosed (CIS `PROTADDR`). */
  restricted: boolean;
}

/** A null detail was not given and leaves what the system holds unchanged. */
export interface AppliedContact extends AppliedBase {
  kind: 'contact';
  phone: string | null;
  mobile: string | null;
  email: string | null;
}

/** `effectiveDate` is the date of death. */
export interface AppliedDeath extends AppliedBase {
  kind: 'death';
}

export type AppliedChange = AppliedAddress | AppliedContact | AppliedDeath;

/** What a system holds of its own records, as the control API shows them. */
export interface RecordsView {
  /** This citizen's records, oldest first. */
  of(nino: string): readonly unknown[];
  /** Every record the system holds, oldest first. */
  all(): readonly unknown[];
}

/**
 * The changes written to one system, in its journal: kept apart per system, as each legacy
 * system keeps its own, and replayed over the seeded population at start.
 */
export interface SystemRecords extends RecordsView {
  of(nino: string): readonly AppliedChange[];
  /** Journals (fsynced) and then applies the change. */
  apply(change: AppliedChange): void;
  close(): void;
}

/** Opens one system's records over its journal in `dataDir` (none: memory only). */
export function openSystemRecords(dataDir: string | undefined, system: string): SystemRecords {
  const journal = openJournal<AppliedChange>(dataDir, system);
  const byNino = new Map<string, AppliedChange[]>();
  const everything: AppliedChange[] = [];
  const remember = (change: AppliedChange) => {
    everything.push(change);
    const list = byNino.get(change.nino);
    if (list) list.push(change);
    else byNino.set(change.nino, [change]);
  };
  journal.replayed.forEach(remember);
  return {
    of: (nino) => byNino.get(nino) ?? [],
    all: () => everything,
    apply(change) {
      journal.append(change);
      remember(change);
    },
    close: () => journal.close(),
  };
}
