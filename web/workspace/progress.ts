import { formatDateTime, formatEnum } from './format.ts';
import type { Change, CitizenRecord, Delivery } from './queries.ts';

/**
 * How the workspace words a change of circumstances and its progress to each system: a tag a
 * caseworker scans down the page, and the detail that answers "why not yet?".
 */

export type TagColour = 'green' | 'blue' | 'yellow' | 'grey' | 'red';

export interface Progress {
  readonly tag: string;
  readonly colour: TagColour;
  readonly detail?: string;
}

const CHANGE_KINDS: Readonly<Record<string, string>> = {
  ADDRESS: 'Change of address',
  CONTACT: 'Change of contact details',
  DEATH: 'Death reported',
};

export function changeTitle(change: Change): string {
  return CHANGE_KINDS[change.kind] ?? formatEnum(change.kind);
}

const CHANNELS: Readonly<Record<string, string>> = { EMAIL: 'By email', SMS: 'By text message', LETTER: 'By letter' };

/**
 * Whether the citizen has been told of their change, and how; null for a death, which nobody is
 * told of here. `contact` is what CIS holds now (null when it could not be read): the message
 * goes by email, else by text, so with neither the citizen will not be told.
 */
export function citizenTold(change: Change, contact: CitizenRecord['contact']): Progress | null {
  if (change.kind === 'DEATH') return null;
  if (!change.confirmation && contact && !contact.email && !contact.mobile) return { tag: 'Not told', colour: 'grey', detail: 'CIS holds no email or mobile to tell them by' };
  if (!change.confirmation) return { tag: 'Not yet', colour: 'grey', detail: 'Told by GOV.UK Notify once CIS holds the change' };
  return { tag: CHANNELS[change.confirmation.channel] ?? formatEnum(change.confirmation.channel), colour: 'green', detail: formatDateTime(change.confirmation.sentAt) };
}

/** Not yet held by every system it is for: a failed change stays in progress, for someone to act on. */
export function isInProgress(change: Change): boolean {
  return change.status !== 'COMPLETED';
}

/** Of a change in progress: still going, or refused by a system for good. */
export function changeProgress(change: Change): Progress {
  return change.status === 'FAILED' ? { tag: 'Failed', colour: 'red', detail: 'A system refused it for good' } : { tag: 'In progress', colour: 'blue' };
}

export function deliveryProgress(delivery: Delivery): Progress {
  const code = delivery.lastError?.code;
  switch (delivery.status) {
    case 'DELIVERED':
      return { tag: 'Delivered', colour: 'green', ...(delivery.deliveredAt ? { detail: formatDateTime(delivery.deliveredAt) } : {}) };
    case 'WAITING':
      return { tag: 'Waiting', colour: 'grey', detail: 'Sent once CIS, the master record, confirms the change' };
    case 'NOT_NEEDED':
      return { tag: 'Not needed', colour: 'grey', detail: 'Holds no live award or record for this citizen' };
    case 'FAILED':
      return { tag: 'Failed', colour: 'red', detail: code ? `Refused with ${code}` : 'Not sent: CIS refused the change' };
    case 'PENDING':
      // Retried until the system takes it; the code says what to tell the citizen about the wait.
      return code ? { tag: 'Retrying', colour: 'yellow', detail: `Last attempt failed with ${code} (${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'} so far)` } : { tag: 'Sending', colour: 'blue' };
    default:
      return { tag: formatEnum(delivery.status), colour: 'grey' };
  }
}
