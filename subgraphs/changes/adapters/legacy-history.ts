import type { ChangeKind } from './legacy-writer.ts';

/**
 * What a legacy system's history enquiry says about one citizen, in our terms: the changes
 * it applied (under our references) and, for the timeline, what happened to its awards.
 * Each system's `*.writer-mapping.ts` reads its own format into this.
 */
export interface RecordedChange {
  readonly reference: string;
  readonly kind: ChangeKind;
  readonly effectiveDate: string;
  /** When the system applied it, ISO timestamp (UTC). */
  readonly appliedAt: string;
}

export interface AwardEvent {
  /** The award, in the system's own benefit code (`PC`, `PIP`, `JSA`...). */
  readonly benefitCode: string;
  readonly event: 'STARTED' | 'CHANGED' | 'STOPPED' | 'PAYMENT_MADE';
  readonly date: string;
  /** The amount paid, for PAYMENT_MADE; null otherwise. */
  readonly amountPence: number | null;
}

export interface SystemHistory {
  readonly changes: readonly RecordedChange[];
  readonly events: readonly AwardEvent[];
}

/** Per NINO asked: the history, or null where the system holds no record of the citizen. */
export type HistoryByNino = ReadonlyMap<string, SystemHistory | null>;
