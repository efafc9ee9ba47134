import type { PgBoss } from 'pg-boss';
import type { SqlDatabase } from '../../../platform/database/index.ts';
import { AppError } from '../../../platform/errors/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import type { Change, DeliverySystem, LegacyWriter, WriteOutcome } from '../adapters/legacy-writer.ts';
import { MASTER_SYSTEM } from '../reporter.ts';
import { countAttempt, deliveryToMake, finishDelivery, recordFailure, releaseWaiting } from '../store/index.ts';
import { sendConfirmation } from './confirm.ts';
import { sendDelivery } from './queues.ts';

/** The one failure a retry cannot mend: the system answered and rejected the change. */
const PERMANENT_REFUSAL = 'LEGACY_WRITE_REFUSED';

export interface DeliveryDeps {
  readonly db: SqlDatabase;
  readonly queue: PgBoss;
  readonly writers: Readonly<Record<DeliverySystem, LegacyWriter>>;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Makes one delivery, once. Safe to run again after any crash: a delivery no longer PENDING is
 * left alone; the writer asks the system's own history before writing, so a write that landed
 * but was never acknowledged is not made twice; and the outcome is recorded (with CIS's
 * confirmation releasing the other systems' deliveries and queueing the citizen's confirmation) in one transaction. A failure is
 * recorded (system and code) and thrown, so the queue retries it with back-off; a permanent
 * refusal ends the delivery as FAILED instead.
 */
export function createDeliverer(deps: DeliveryDeps) {
  const { db, writers, logger } = deps;

  async function finish(deliveryId: string, change: Change, system: DeliverySystem, outcome: WriteOutcome | { refused: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const refused = typeof outcome === 'object';
      const status = refused ? 'FAILED' : outcome === 'not-held' ? 'NOT_NEEDED' : 'DELIVERED';
      if (!(await finishDelivery(tx, deliveryId, status, deps.clock()))) return;
      if (system !== MASTER_SYSTEM) return;
      // CIS, the master, has spoken: the others go now, or (refused by CIS) never.
      if (refused || outcome === 'not-held') {
        await releaseWaiting(tx, change.reference, { confirmed: false, error: { system, code: refused ? outcome.refused : 'CITIZEN_NOT_FOUND' } });
        return;
      }
      for (const released of await releaseWaiting(tx, change.reference, { confirmed: true })) {
        await sendDelivery(deps.queue, tx, { id: released.id, system: released.system, nino: change.nino });
      }
      // The citizen is told once the master record holds it: on its own queue, so telling never holds the change up.
      await sendConfirmation(deps.queue, tx, { id: change.reference, kind: change.kind });
    });
  }

  return async function deliver(deliveryId: string, signal: AbortSignal): Promise<void> {
    const found = await deliveryToMake(db, deliveryId);
    if (!found || found.status !== 'PENDING') return;
    const system = found.system as DeliverySystem;
    const change = found.change.details as unknown as Change;
    await countAttempt(db, deliveryId);
    let outcome: WriteOutcome;
    try {
      outcome = await writers[system].deliver(change, { signal });
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
      await recordFailure(db, deliveryId, { system, code });
      if (code === PERMANENT_REFUSAL) return finish(deliveryId, change, system, { refused: code });
      if (!(error instanceof AppError)) logger.error({ err: error, system }, 'delivery failed unexpectedly; it will be retried');
      throw error;
    }
    await finish(deliveryId, change, system, outcome);
  };
}
