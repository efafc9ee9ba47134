import type { ChangeKind, ChangeRecord, ConfirmationRecord, ReviewTask } from '../domain.ts';
import type { AwardEvent, SystemHistory } from '../adapters/legacy-history.ts';

/**
 * What happened to a citizen, as one list of events drawn from our change store and from
 * each legacy system's own history. Pure: records in, events out. Summaries name what
 * happened, never a value that changed (no address, no phone number), so a restricted
 * person's new address can never reach a timeline.
 */

export const EVENT_KINDS = [
  'CHANGE_REPORTED',
  'CHANGE_DELIVERED',
  'DEATH_RECORDED',
  'REVIEW_TASK_RAISED',
  'NOTIFICATION_SENT',
  'AWARD_STARTED',
  'AWARD_CHANGED',
  'AWARD_STOPPED',
  'PAYMENT_MADE',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface TimelineEvent {
  /** Unique within one citizen's timeline, and the same fact from two sources has the same id. */
  readonly id: string;
  readonly kind: EventKind;
  /** An ISO instant (UTC) for what the graph recorded; an ISO date for what a system records by day. */
  readonly occurredAt: string;
  /** The legacy system the event happened on; null for what happened in the graph itself. */
  readonly system: string | null;
  readonly summary: string;
  /** The system's own benefit code, for award events and payments. */
  readonly benefit: string | null;
  /** Pence paid, for a payment. */
  readonly amountPence: number | null;
  /** The change of circumstances the event belongs to. */
  readonly changeId: string | null;
}

/** Which sources can hold events of which kinds: a page of some kinds only asks the sources that have them. */
const SOURCE_KINDS = {
  // Each confirmation Notify took is recorded with its change.
  changes: ['CHANGE_REPORTED', 'CHANGE_DELIVERED', 'DEATH_RECORDED', 'NOTIFICATION_SENT'],
  reviewTasks: ['REVIEW_TASK_RAISED'],
  histories: ['CHANGE_DELIVERED', 'AWARD_STARTED', 'AWARD_CHANGED', 'AWARD_STOPPED', 'PAYMENT_MADE'],
} as const satisfies Record<string, readonly EventKind[]>;

export type TimelineSource = keyof typeof SOURCE_KINDS;

/** Whether `source` must be read for events of `kinds` (null: every kind). */
export function needsSource(source: TimelineSource, kinds: readonly EventKind[] | null): boolean {
  return kinds === null || kinds.some((kind) => (SOURCE_KINDS[source] as readonly EventKind[]).includes(kind));
}

/** A system's history, or the Error that kept it from being read. */
export interface SystemHistoryResult {
  readonly system: string;
  readonly history: SystemHistory | null | Error;
}

const CHANGE_NAMES: Readonly<Record<ChangeKind, string>> = { address: 'Address change', contact: 'Contact details change', death: 'Death report' };

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  cis: 'CIS',
  uc: 'Universal Credit',
  pscs: 'State Pension (PSCS)',
  disability: 'the disability benefits system',
  payments: 'the payments system',
  jsaps: 'JSAPS',
};

const AWARD_EVENTS: Readonly<Record<AwardEvent['event'], { kind: EventKind; says: string }>> = {
  STARTED: { kind: 'AWARD_STARTED', says: 'award started' },
  CHANGED: { kind: 'AWARD_CHANGED', says: 'award changed' },
  STOPPED: { kind: 'AWARD_STOPPED', says: 'award stopped' },
  PAYMENT_MADE: { kind: 'PAYMENT_MADE', says: 'payment made' },
};

function delivered(changeId: string, kind: ChangeKind, system: string, at: string): TimelineEvent {
  return {
    id: `delivered:${changeId}:${system}`,
    kind: 'CHANGE_DELIVERED',
    occurredAt: at,
    system,
    summary: `${CHANGE_NAMES[kind]} delivered to ${SYSTEM_NAMES[system] ?? system}`,
    benefit: null,
    amountPence: null,
    changeId,
  };
}

const CHANNEL_NAMES: Readonly<Record<ConfirmationRecord['channel'], string>> = { email: 'by email', sms: 'by text message', letter: 'by letter' };

function confirmed(changeId: string, confirmation: ConfirmationRecord): TimelineEvent {
  return {
    id: `notified:${changeId}`,
    kind: 'NOTIFICATION_SENT',
    occurredAt: confirmation.sentAt,
    system: 'notify',
    summary: `Confirmation sent ${CHANNEL_NAMES[confirmation.channel]}`,
    benefit: null,
    amountPence: null,
    changeId,
  };
}

/** Each change reported (a death report is the death recorded), its delivery to each system that took it, and the confirmation the citizen was sent. */
export function changeEvents(changes: readonly ChangeRecord[]): TimelineEvent[] {
  return changes.flatMap((change) => [
    {
      id: `reported:${change.id}`,
      kind: change.kind === 'death' ? 'DEATH_RECORDED' : 'CHANGE_REPORTED',
      occurredAt: change.reportedAt,
      system: null,
      summary: change.kind === 'death' ? 'Death recorded' : `${CHANGE_NAMES[change.kind]} reported`,
      benefit: null,
      amountPence: null,
      changeId: change.id,
    } satisfies TimelineEvent,
    ...change.deliveries.flatMap((delivery) => (delivery.status === 'DELIVERED' && delivery.deliveredAt !== null ? [delivered(change.id, change.kind, delivery.system, delivery.deliveredAt)] : [])),
    ...(change.confirmation === null ? [] : [confirmed(change.id, change.confirmation)]),
  ]);
}


export function reviewTaskEvents(tasks: readonly ReviewTask[]): TimelineEvent[] {
  return tasks.map((task) => ({
    id: `review:${task.id}`,
    kind: 'REVIEW_TASK_RAISED',
    occurredAt: task.createdAt,
    system: null,
    // Our own words, naming what to review, never a value: the reason serves as the summary.
    summary: task.reason,
    benefit: null,
    amountPence: null,
    changeId: task.changeId,
  }));
}

/**
 * One system's own records: the changes it applied under our references (the same facts as
 * our deliveries, and with the same ids, so each appears once) and what happened to its awards.
 * Identical award events (two equal payments on one day) stay apart by their order.
 */
export function historyEvents(system: string, history: SystemHistory): TimelineEvent[] {
  const seen = new Map<string, number>();
  return [
    ...history.changes.map((change) => delivered(change.reference, change.kind, system, new Date(change.appliedAt).toISOString())),
    ...history.events.map((event): TimelineEvent => {
      const what = AWARD_EVENTS[event.event];
      const base = `award:${system}:${event.benefitCode}:${event.event}:${event.date}`;
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      return {
        id: `${base}:${occurrence}`,
        kind: what.kind,
        occurredAt: event.date,
        system,
        summary: `${event.benefitCode} ${what.says}`,
        benefit: event.benefitCode,
        amountPence: event.amountPence,
        changeId: null,
      };
    }),
  ];
}
