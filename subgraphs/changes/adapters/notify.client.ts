import { SignJWT } from 'jose';
import type { Config } from '../../../platform/config/index.ts';
import { parseLegacyJson } from '../../../platform/formats/index.ts';
import { createLegacyClient, type LegacyCallScope, type LegacyClientOptions, type LegacyResponse } from '../../../platform/resilience/index.ts';
import { listByReferencePath, mapRefusal, mapSent, mapSentWithReference, NOTIFY_REFUSAL_STATUSES, sendRequest, type Confirmation, type SentConfirmation, type SentNotification } from './notify.mapping.ts';

export type { Confirmation, ConfirmationTemplate, NotifyChannel, SentConfirmation, SentNotification } from './notify.mapping.ts';

export interface NotifyClient {
  /**
   * Sends a confirmation exactly once per reference, by asking Notify first: a reference
   * Notify already holds is answered `already-sent` and nothing is sent again, so the queue may
   * retry a send whose answer was lost. Never retried here (one attempt per call); callers must
   * not run two sends of one reference at once. Throws LegacyError: `LEGACY_RATE_LIMITED` with
   * `retryAfterMs` on Notify's 429, `LEGACY_UNAVAILABLE` / `LEGACY_TIMEOUT` on an outage or a slow
   * answer (all `retryable`), `LEGACY_WRITE_REFUSED` when Notify refuses the request or our key (not: sending it again will not help).
   */
  sendConfirmation(confirmation: Confirmation, scope: LegacyCallScope): Promise<SentConfirmation>;
  close(): Promise<void>;
}

/** GOV.UK Notify through the legacy client (breaker, metrics, logging), signing each call with the configured API key. */
export function createNotifyClient(config: Pick<Config, 'legacy' | 'notify'>, clientOptions: LegacyClientOptions = {}): NotifyClient {
  const client = createLegacyClient(config.legacy.notify, clientOptions);
  const secret = new TextEncoder().encode(config.notify.secret);

  /** Notify's authentication: a fresh HS256 token per request, `iss` the service id, `iat` now (Notify allows 30 s). */
  async function headers(): Promise<Record<string, string>> {
    const token = await new SignJWT({ iss: config.notify.serviceId }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().sign(secret);
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  /** Reads Notify's answer: `success` for its success status, a refusal for the others it accepted. */
  const answer =
    <T>(successStatus: number, read: (payload: unknown) => T) =>
    (response: LegacyResponse): T => {
      const payload = parseLegacyJson('notify', response.body);
      if (response.statusCode !== successStatus) throw mapRefusal(payload);
      return read(payload);
    };

  /** The newest notification Notify holds under `reference`, or null. */
  async function sentWithReference(reference: string, scope: LegacyCallScope): Promise<SentNotification | null> {
    return client.forRequest(scope).read(
      { method: 'GET', path: listByReferencePath(reference), headers: await headers(), acceptStatuses: NOTIFY_REFUSAL_STATUSES },
      answer(200, (payload) => mapSentWithReference(payload, reference)),
    );
  }

  return {
    async sendConfirmation(confirmation, scope) {
      const notify = client.forRequest(scope);
      const sentBefore = await sentWithReference(confirmation.reference, scope);
      if (sentBefore !== null) return { notification: sentBefore, outcome: 'already-sent' };
      const { path, body } = sendRequest(confirmation);
      const notificationId = await notify.write({ method: 'POST', path, headers: await headers(), body, acceptStatuses: NOTIFY_REFUSAL_STATUSES }, answer(201, mapSent));
      // Notify's answer to a send carries no time: it took the message when it answered.
      return { notification: { id: notificationId, channel: confirmation.channel, createdAt: new Date().toISOString() }, outcome: 'sent' };
    },
    close: () => client.close(),
  };
}
