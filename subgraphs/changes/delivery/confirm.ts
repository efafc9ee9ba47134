import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { SqlDatabase, SqlQueryable } from '../../../platform/database/index.ts';
import { AppError, LegacyError } from '../../../platform/errors/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import { deadlineIn, type LegacyCallScope } from '../../../platform/resilience/index.ts';
import type { CisReader } from '../adapters/cis.client.ts';
import type { ConfirmationTemplate, NotifyClient } from '../adapters/notify.client.ts';
import type { ChangeKind } from '../domain.ts';
import { findChanges, recordConfirmation } from '../store/index.ts';
import { inTransaction } from './queues.ts';

/** The queue of confirmations to citizens, apart from the deliveries: a confirmation never holds a change up. */
export const CONFIRMATION_QUEUE = 'deliver-notify';

/** What a confirmation job carries: the change it confirms. */
export interface ConfirmationJob {
  readonly changeId: string;
}

/**
 * The changes a citizen is told of, and the template that tells them. A death is not
 * confirmed to the person who died: Tell Us Once answers whoever reported it, outside this service.
 */
const TEMPLATES: Readonly<Partial<Record<ChangeKind, ConfirmationTemplate>>> = { address: 'address-changed', contact: 'contact-details-changed' };

/**
 * Queues a change's confirmation, in `tx` (the one that records CIS's confirmation of it). Its
 * job id is the change's, so a confirmation recorded twice queues one message.
 */
export async function sendConfirmation(queue: PgBoss, tx: SqlQueryable, change: { id: string; kind: ChangeKind }): Promise<void> {
  if (!TEMPLATES[change.kind]) return;
  const job: ConfirmationJob = { changeId: change.id };
  await queue.send(CONFIRMATION_QUEUE, job, { id: change.id, db: inTransaction(tx) });
}

export interface ConfirmerDeps {
  readonly db: SqlDatabase;
  readonly queue: PgBoss;
  readonly cis: (scope: LegacyCallScope) => CisReader;
  readonly notify: NotifyClient;
  readonly attemptBudgetMs: number;
  readonly logger: Logger;
}

/**
 * Tells the citizen, once, by email (or text when CIS holds no email), from the contact
 * details CIS holds now (a contact change's new ones). The message names no address: a
 * restricted person's new address never travels in it. Notify is asked for the change's
 * reference before sending, so a retried job never sends twice. What Notify took is recorded
 * with the change, for the citizen's timeline; a change whose confirmation is recorded is done
 * without asking Notify again. A 429 is honoured: the
 * confirmation is queued again for after the wait Notify asked for. A failure is retried by
 * the queue; a refusal is logged and dropped; neither touches the change or its deliveries.
 */
export function createConfirmer(deps: ConfirmerDeps) {
  return async function confirm(changeId: string, signal: AbortSignal): Promise<void> {
    const change = (await findChanges(deps.db, [changeId])).get(changeId);
    const template = change ? TEMPLATES[change.kind] : undefined;
    if (!change || !template || change.confirmation) return;
    const scope: LegacyCallScope = { requestId: `confirm-${changeId}`, deadline: deadlineIn(deps.attemptBudgetMs), signal };
    const person = (await deps.cis(scope).persons([change.nino])).get(change.nino);
    const to = person?.email ? { channel: 'email' as const, to: person.email } : person?.mobile ? { channel: 'sms' as const, to: person.mobile } : undefined;
    if (!person || !to) return;
    try {
      const { notification } = await deps.notify.sendConfirmation({ reference: changeId, ...to, template, personalisation: { name: person.name, effective_date: change.effectiveDate, reference: changeId } }, scope);
      // Lost if this process stops here: the job is then retried, Notify answers with what it holds, and that is recorded.
      await recordConfirmation(deps.db, changeId, { id: notification.id, channel: notification.channel, sentAt: new Date(notification.createdAt) });
    } catch (error) {
      if (error instanceof LegacyError && error.code === 'LEGACY_RATE_LIMITED') return later(changeId, error.retryAfterMs ?? 1_000);
      if (error instanceof AppError && error.code === 'LEGACY_WRITE_REFUSED') {
        deps.logger.error({ err: error, changeId }, 'Notify refused a confirmation; it will not be sent');
        return;
      }
      throw error;
    }
  };

  /** Queues the confirmation again to start after Notify's Retry-After; this job then ends. */
  async function later(changeId: string, waitMs: number): Promise<void> {
    const job: ConfirmationJob = { changeId };
    await deps.queue.send(CONFIRMATION_QUEUE, job, { id: randomUUID(), startAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
  }
}
