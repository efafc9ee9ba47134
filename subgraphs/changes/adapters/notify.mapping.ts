import { z } from 'zod';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import { mapWire } from '../../../platform/formats/index.ts';

/** GOV.UK Notify's API v2, as the change confirmations use it: requests built and answers read, no I/O. */

export type NotifyChannel = 'email' | 'sms';

/** What a confirmation confirms; each has an email and a text-message template on Notify. */
export type ConfirmationTemplate = 'address-changed' | 'contact-details-changed' | 'death-reported';

export interface Confirmation {
  /** Ours, unique per confirmation (e.g. `<change id>`): Notify keeps it, and it is how a resend is recognised. Never personal data. */
  reference: string;
  channel: NotifyChannel;
  /** The email address or UK mobile number. */
  to: string;
  template: ConfirmationTemplate;
  /**
   * The template's `((placeholders))`: `address-changed` and `contact-details-changed` need
   * `effective_date` and `reference` (email also `name`); `death-reported` needs
   * `deceased_name` and `reference` (email also `name`). No template takes an address.
   */
  personalisation: Readonly<Record<string, string>>;
}

export interface SentConfirmation {
  /** What Notify holds under the reference: sent now, or the one it already held. */
  notification: SentNotification;
  /** `already-sent`: Notify already held a notification with this reference, so nothing was sent now. */
  outcome: 'sent' | 'already-sent';
}

/** The department's templates on Notify, by what they confirm and channel: the ids its admin pages show. */
const TEMPLATE_IDS: Readonly<Record<ConfirmationTemplate, Readonly<Record<NotifyChannel, string>>>> = {
  'address-changed': { email: '3f1c8a2e-6b0d-4f57-9a3e-1d2b7c4e5f60', sms: '7a2d9c41-0e8b-4c3f-b5a6-2e9f1d0c8b73' },
  'contact-details-changed': { email: 'c58e0b17-9d2a-4e61-8f3c-5a7b2d9e0f14', sms: 'e06b4f93-2c1d-4a8e-9b7f-3d5c6a1e2b08' },
  'death-reported': { email: '91d7e3a5-4f2b-4c0d-a6e8-7b1c9f3d5e22', sms: '2b8f6d04-7e3a-4d91-8c5b-0a4e2f7d9c36' },
};

/** The statuses Notify answers a request it refuses with (besides 429 and 5xx, which the legacy client handles). */
export const NOTIFY_REFUSAL_STATUSES: readonly number[] = [400, 401, 403];

export function listByReferencePath(reference: string): string {
  return `/v2/notifications?${new URLSearchParams({ reference })}`;
}

export function sendRequest(confirmation: Confirmation): { path: string; body: string } {
  const recipient = confirmation.channel === 'email' ? { email_address: confirmation.to } : { phone_number: confirmation.to };
  return {
    path: `/v2/notifications/${confirmation.channel}`,
    body: JSON.stringify({
      ...recipient,
      template_id: TEMPLATE_IDS[confirmation.template][confirmation.channel],
      personalisation: confirmation.personalisation,
      reference: confirmation.reference,
    }),
  };
}

const wireSent = z.object({ id: z.string().min(1), reference: z.string().nullable() });
const wireList = z.object({
  notifications: z.array(z.object({ id: z.string().min(1), reference: z.string().nullable(), type: z.enum(['email', 'sms', 'letter']), created_at: z.string().min(1) })),
});
const wireErrors = z.object({ status_code: z.number(), errors: z.array(z.object({ error: z.string(), message: z.string() })).min(1) });

/** A 201 answer to a send: the new notification's id. */
export function mapSent(payload: unknown): string {
  return mapWire('notify', wireSent, payload, (wire) => wire.id);
}

/** A notification Notify holds: its id, how it went, and when Notify took it (ISO instant, UTC). */
export interface SentNotification {
  readonly id: string;
  readonly channel: NotifyChannel | 'letter';
  readonly createdAt: string;
}

/** A list answer: the newest notification sent with `reference`, or null when none was. */
export function mapSentWithReference(payload: unknown, reference: string): SentNotification | null {
  return mapWire('notify', wireList, payload, (wire) => {
    const sent = wire.notifications.find((notification) => notification.reference === reference);
    if (!sent) return null;
    const createdAt = new Date(sent.created_at);
    if (Number.isNaN(createdAt.getTime())) throw new LegacyError('LEGACY_UNAVAILABLE', 'notify', { cause: new TypeError('Notify notification without a readable created_at') });
    return { id: sent.id, channel: sent.type, createdAt: createdAt.toISOString() };
  });
}

/**
 * A refusal (400, 401, 403: of the message, or of our key) as a refused write, which sending
 * again will not mend. Only Notify's error kind (`ValidationError`, `AuthError`, ...) is kept,
 * for the log to say which: its messages can quote the recipient.
 */
export function mapRefusal(payload: unknown): LegacyError {
  const kind = mapWire('notify', wireErrors, payload, (wire) => wire.errors[0]?.error ?? 'UNRECOGNISED');
  return new LegacyError('LEGACY_WRITE_REFUSED', 'notify', { cause: new LegacyFaultError('RETURN_CODE', kind) });
}
