import type { IsoDate } from '../population/dates.ts';
import { RATES_FROM } from '../population/rates.ts';
import type { Person } from '../population/types.ts';
import { personAsChanged } from './changed-person.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedAddress, AppliedChange, AppliedContact, AppliedDeath, SystemRecords } from './records.ts';

/** A change as a system's write operation reads it from its own format, before it is applied. */
export type ChangeToApply =
  | Omit<AppliedAddress, 'appliedAt'>
  | Omit<AppliedContact, 'appliedAt'>
  | Omit<AppliedDeath, 'appliedAt'>;

/** `no-record`: the system holds nothing for the NINO; `duplicate`: an idempotent system already holds the reference. */
export type WriteResult = 'applied' | 'duplicate' | 'no-record';

/**
 * One system's writes and its view of the population with them applied. `idempotent` says
 * whether the system itself answers a repeated client reference without applying it again;
 * the mainframes do not, and apply a repeat twice.
 */
export interface SystemLedger {
  /** The person as this system holds them, its own changes applied; undefined when it holds no record. */
  view(nino: string): Person | undefined;
  apply(change: ChangeToApply): WriteResult;
  /** The system's own changes for a person it holds. */
  changesOf(person: Person): readonly AppliedChange[];
}

export function createLedger(
  population: PopulationIndex,
  records: SystemRecords,
  options: { holds: (person: Person) => boolean; idempotent: boolean; clock?: () => Date },
): SystemLedger {
  const clock = options.clock ?? (() => new Date());
  const held = (nino: string) => {
    const person = population.byNino(nino);
    return person && options.holds(person) ? person : undefined;
  };
  return {
    view(nino) {
      const person = held(nino);
      return person && personAsChanged(person, records.of(person.nino));
    },
    apply(change) {
      const person = held(change.nino);
      if (!person) return 'no-record';
      if (options.idempotent && records.of(person.nino).some((applied) => applied.reference === change.reference)) return 'duplicate';
      records.apply({ ...change, nino: person.nino, appliedAt: clock().toISOString() } as AppliedChange);
      return 'applied';
    },
    changesOf: (person) => records.of(person.nino),
  };
}

/** A field a legacy format leaves blank when it has no value. */
export function blankAsNull(value: string): string | null {
  return value === '' ? null : value;
}

/** A happening on an award, for the history enquiries: each system names them in its own codes. */
export interface AwardEvent {
  event: 'STARTED' | 'CHANGED' | 'STOPPED' | 'PAID';
  date: IsoDate;
  /** The payment made (PAID), in pence; null for other events. */
  pence: number | null;
}

/**
 * The events a legacy award record shows: its start, its uprating to this year's rates when it
 * was in payment on the day they began, its stop when it has stopped, and its last recorded payment.
 */
export function awardEvents(award: { start: IsoDate | null; end: IsoDate | null; stopped: boolean; lastPaidDate: IsoDate | null; paymentPence: number }): AwardEvent[] {
  const events: AwardEvent[] = [];
  if (award.start !== null) events.push({ event: 'STARTED', date: award.start, pence: null });
  if (award.start !== null && award.start < RATES_FROM && (award.end === null || award.end >= RATES_FROM)) events.push({ event: 'CHANGED', date: RATES_FROM as IsoDate, pence: null });
  if (award.lastPaidDate !== null) events.push({ event: 'PAID', date: award.lastPaidDate, pence: award.paymentPence });
  if (award.stopped && award.end !== null) events.push({ event: 'STOPPED', date: award.end, pence: null });
  return events;
}
