import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { Principal } from '../../platform/auth/index.ts';
import type { SqlDatabase } from '../../platform/database/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { DELIVERY_SYSTEMS, type Change, type LegacyWriter, type DeliverySystem } from './adapters/legacy-writer.ts';
import type { ChangeRecord } from './domain.ts';
import { deliveryTargets, inputHash, requireIdempotencyKey, type Holding } from './rules.ts';
import { findChanges, findKey, insertChange, insertKey, insertReviewTask, lockKey, type IdempotencyRecord, type NewDelivery } from './store/index.ts';
import { sendDelivery } from './delivery/queues.ts';

/** The system every change is confirmed by first. */
export const MASTER_SYSTEM: DeliverySystem = 'cis';

/** A change worked out and checked, ready to store: what each system is sent, with our reference still to fill in. */
export interface PreparedChange {
  readonly change: DistributiveOmit<Change, 'reference'>;
  readonly restricted: boolean;
  /** Other citizens whose records a caseworker must review because of it (a death's surviving partner). */
  readonly reviews?: ReadonlyArray<{ readonly nino: string; readonly reason: string }>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ReportRequest {
  readonly principal: Principal;
  /** The mutation's name: a key reused for another operation is a reuse too. */
  readonly operation: string;
  readonly idempotencyKey: string;
  /** The mutation's arguments but the key: what "the same request" means. */
  readonly input: Readonly<Record<string, unknown>>;
  /** Checks the request and reads what it needs; run only for a key not seen before. */
  readonly prepare: () => Promise<PreparedChange>;
  /** Bounds the look-ups of which systems hold the citizen. */
  readonly signal: AbortSignal;
}

export interface ChangeReporterDeps {
  readonly db: SqlDatabase;
  /** The change store's tables, created at start: every report waits for them. */
  readonly storeReady: Promise<void>;
  /** The queue, started on first use. */
  readonly queue: () => Promise<PgBoss>;
  readonly writers: Readonly<Record<DeliverySystem, LegacyWriter>>;
  readonly clock: () => Date;
}

/**
 * Takes a change of circumstances once: the change, one delivery per target system, the
 * idempotency record and CIS's delivery job are written in one transaction before the answer,
 * so a change is either wholly accepted (and will reach every target) or not at all.
 */
export function createChangeReporter(deps: ChangeReporterDeps) {
  const { db, writers } = deps;

  /** The first answer for a repeated key, or IDEMPOTENCY_KEY_REUSED for a different request under it. */
  async function repeatOf(record: IdempotencyRecord, operation: string, hash: string): Promise<ChangeRecord> {
    if (record.operation !== operation || record.inputHash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request; nothing was done.');
    }
    return changeById(record.changeId);
  }

  async function changeById(id: string): Promise<ChangeRecord> {
    const change = (await findChanges(db, [id])).get(id);
    if (!change) throw new Error('a stored change could not be read back');
    return change;
  }

  /** Asks every system but the master whether it holds the citizen; one that cannot say is `unknown`, never left out. */
  async function holdingsOf(nino: string, signal: AbortSignal): Promise<Map<string, Holding>> {
    const others = DELIVERY_SYSTEMS.filter((system) => system !== MASTER_SYSTEM);
    const answers = await Promise.all(
      others.map(async (system): Promise<[string, Holding]> => {
        try {
          return [system, (await writers[system].holds([nino], { signal })).get(nino) ?? false];
        } catch {
          // The writer's client has logged the failure; the system is targeted anyway.
          return [system, 'unknown'];
        }
      }),
    );
    return new Map(answers);
  }

  return {
    async report(request: ReportRequest): Promise<ChangeRecord> {
      const { principal, operation, idempotencyKey } = request;
      requireIdempotencyKey(idempotencyKey);
      const hash = inputHash(operation, request.input);
      await deps.storeReady;
      const earlier = await findKey(db, principal.subject, idempotencyKey);
      if (earlier) return repeatOf(earlier, operation, hash);

      const prepared = await request.prepare();
      const { change } = prepared;
      const holdings = await holdingsOf(change.nino, request.signal);
      const targets = deliveryTargets(change.kind, MASTER_SYSTEM, DELIVERY_SYSTEMS.map((system) => writers[system]), holdings);
      const id = randomUUID();
      const deliveries: NewDelivery[] = targets.map((system) => ({ id: randomUUID(), system, status: system === MASTER_SYSTEM ? 'PENDING' : 'WAITING' }));
      const queue = await deps.queue();
      const at = deps.clock();
      const stored = await db.transaction(async (tx) => {
        await lockKey(tx, principal.subject, idempotencyKey);
        // A concurrent request with the same key got here first: answer as it did.
        const raced = await findKey(tx, principal.subject, idempotencyKey);
        if (raced) return raced;
        await insertChange(
          tx,
          {
            id,
            nino: change.nino,
            kind: change.kind,
            effectiveDate: change.kind === 'death' ? change.dateOfDeath : change.effectiveDate,
            details: { ...change, reference: id },
            restricted: prepared.restricted,
            reportedAt: at,
            reportedBy: principal.subject,
            reporterRole: principal.role,
            ...(principal.purpose !== undefined ? { purpose: principal.purpose } : {}),
          },
          deliveries,
        );
        const record: IdempotencyRecord = { operation, inputHash: hash, changeId: id };
        await insertKey(tx, principal.subject, idempotencyKey, record, at);
        for (const review of prepared.reviews ?? []) {
          await insertReviewTask(tx, { id: randomUUID(), nino: review.nino, changeId: id, reason: review.reason, createdAt: at.toISOString() });
        }
        await sendDelivery(queue, tx, { id: deliveries[0]!.id, system: MASTER_SYSTEM, nino: change.nino });
        return record;
      });
      return stored.changeId === id ? changeById(id) : repeatOf(stored, operation, hash);
    },
  };
}

export type ChangeReporter = ReturnType<typeof createChangeReporter>;
