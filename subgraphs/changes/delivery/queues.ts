import { PgBoss, type Db, type QueueOptions, type QueuePolicy } from 'pg-boss';
import type { ChangesConfig } from '../../../platform/config/index.ts';
import type { SqlQueryable } from '../../../platform/database/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';

/** PostgreSQL connections of a delivery worker's queue, and of a process that only sends jobs (inside our own transactions, on our connections). */
const WORKER_CONNECTIONS = 6;
const PRODUCER_CONNECTIONS = 2;

/** pg-boss keeps its tables in a schema of its own, beside ours on the same PostgreSQL. */
const QUEUE_SCHEMA = 'pgboss';

/** One queue per system a change is delivered to. */
export function deliveryQueue(system: string): string {
  return `deliver-${system}`;
}

/** What a delivery job carries: only the id of our delivery row; the change itself is read from the store. */
export interface DeliveryJob {
  readonly deliveryId: string;
}

/**
 * A pg-boss instance on the system's PostgreSQL. `worker`: it also watches for expired jobs
 * (a worker that died mid-delivery) and runs the queue's upkeep and schedules; a `producer`
 * only sends jobs, inside our own transactions.
 */
export function openQueue(databaseUrl: string, config: ChangesConfig, role: 'producer' | 'worker', logger: Logger): PgBoss {
  const worker = role === 'worker';
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    application_name: `citizen-graph-${role}`,
    // Fetches and settlements are short: a few connections serve every queue's workers; legacy calls hold none.
    max: worker ? WORKER_CONNECTIONS : PRODUCER_CONNECTIONS,
    supervise: worker,
    schedule: worker,
    monitorIntervalSeconds: config.queue.monitorIntervalSeconds,
    superviseIntervalSeconds: config.queue.monitorIntervalSeconds,
  });
  // pg-boss reports its own failures (a lost connection, a failed poll) as events; it retries them itself.
  boss.on('error', (error) => logger.error({ err: { type: error.name, code: (error as { code?: unknown }).code } }, 'queue error'));
  return boss;
}

/**
 * The options every delivery queue has: strictly first-in first-out per citizen (a job holds
 * back the citizen's later jobs while it is active, retrying or failed), retried with jittered
 * exponential back-off, and taken back from a worker that has held it past `expireInSeconds`.
 */
export function deliveryQueueOptions(config: ChangesConfig): QueueOptions {
  return {
    retryLimit: config.delivery.retryLimit,
    retryDelay: config.delivery.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: config.delivery.retryDelayMaxSeconds,
    expireInSeconds: config.delivery.expireSeconds,
  };
}

/** Creates the queues if missing, and brings their options up to date with the config (a queue's policy never changes). */
export async function ensureQueues(boss: PgBoss, names: readonly string[], policy: QueuePolicy, options: QueueOptions): Promise<void> {
  for (const name of names) {
    await boss.createQueue(name, { policy, ...options });
    if (Object.keys(options).length > 0) await boss.updateQueue(name, options);
  }
}

/** pg-boss's view of one of our transactions, so a job is created if and only if the transaction commits. */
export function inTransaction(tx: SqlQueryable): Db {
  return { executeSql: (text, values) => tx.query(text, values ?? []) };
}

/**
 * Queues one delivery, in `tx`. The job's id is the delivery's, so sending it twice (a
 * retried confirmation) creates one job; its key is the citizen, so a citizen's deliveries to
 * one system run in the order they were queued.
 */
export async function sendDelivery(boss: PgBoss, tx: SqlQueryable, delivery: { id: string; system: string; nino: string }): Promise<void> {
  const job: DeliveryJob = { deliveryId: delivery.id };
  await boss.send(deliveryQueue(delivery.system), job, { id: delivery.id, singletonKey: delivery.nino, db: inTransaction(tx) });
}
