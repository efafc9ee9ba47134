import type { Job } from 'pg-boss';
import type { Config } from '../../../platform/config/index.ts';
import { openSqlDatabase } from '../../../platform/database/index.ts';
import type { Logger } from '../../../platform/logging/index.ts';
import type { Metrics } from '../../../platform/metrics/index.ts';
import { createLegacyClient, type LegacyClientOptions } from '../../../platform/resilience/index.ts';
import { createCisReader } from '../adapters/cis.client.ts';
import { createNotifyClient } from '../adapters/notify.client.ts';
import { createLegacyWriters, DELIVERY_SYSTEMS } from '../adapters/legacy-writer.ts';
import { createChangeSchema, deleteExpiredKeys, openDeliveriesBySystem } from '../store/index.ts';
import { CONFIRMATION_QUEUE, createConfirmer, type ConfirmationJob } from './confirm.ts';
import { createDeliverer } from './deliver.ts';
import { deliveryQueue, deliveryQueueOptions, ensureQueues, openQueue, type DeliveryJob } from './queues.ts';

/** The queue of the hourly job that forgets idempotency keys past their retention. */
const FORGET_KEYS_QUEUE = 'forget-idempotency-keys';
const FORGET_KEYS_CRON = '17 * * * *';

export interface DeliveryWorkerDeps {
  readonly databaseUrl: string;
  readonly clientOptions: LegacyClientOptions;
  readonly logger: Logger;
  /** Where the queues' depth and oldest delivery's age are shown, read from the change store on each scrape. */
  readonly metrics?: Metrics;
}

export interface DeliveryWorker {
  /** Stops taking jobs, lets those in hand finish (at most SHUTDOWN_TIMEOUT_MS), then closes its pools. */
  close(): Promise<void>;
}

/**
 * The delivery worker: takes delivery jobs from each system's queue (at most that system's
 * concurrency at once) and makes them. Any number may run, in any process: the queue hands
 * each job to one of them, and takes a job back from one that died holding it.
 */
export async function startDeliveryWorker(config: Config, deps: DeliveryWorkerDeps): Promise<DeliveryWorker> {
  const { logger } = deps;
  const db = openSqlDatabase(deps.databaseUrl);
  const writers = createLegacyWriters(config, deps.clientOptions);
  const cisClient = createLegacyClient(config.legacy.cis, deps.clientOptions);
  const notify = createNotifyClient(config, deps.clientOptions);
  const queue = openQueue(deps.databaseUrl, config.changes, 'worker', logger);
  const close = async () => {
    await queue.stop({ graceful: true, timeout: config.process.shutdownTimeoutMs });
    await Promise.all([writers.close(), cisClient.close(), notify.close()]);
    await db.close();
  };
  try {
    await createChangeSchema(db);
    await queue.start();
    // Every queue exists before any job is taken: a delivery confirmed by CIS queues a confirmation.
    await ensureQueues(queue, DELIVERY_SYSTEMS.map(deliveryQueue), 'key_strict_fifo', deliveryQueueOptions(config.changes));
    await ensureQueues(queue, [CONFIRMATION_QUEUE], 'standard', deliveryQueueOptions(config.changes));
    const deliver = createDeliverer({ db, queue, writers, clock: () => new Date(), logger });
    const polling = { pollingIntervalSeconds: config.changes.queue.pollingIntervalSeconds };
    for (const system of DELIVERY_SYSTEMS) {
      await queue.work<DeliveryJob>(deliveryQueue(system), { ...polling, localConcurrency: config.changes.delivery.concurrency[system] }, async ([job]: Job<DeliveryJob>[]) => {
        await deliver(job!.data.deliveryId, job!.signal);
      });
    }
    const confirm = createConfirmer({ db, queue, cis: (scope) => createCisReader(cisClient.forRequest(scope)), notify, attemptBudgetMs: config.legacy.writeDeadlineMs, logger });
    await queue.work<ConfirmationJob>(CONFIRMATION_QUEUE, { ...polling, localConcurrency: config.changes.delivery.concurrency.notify }, async ([job]: Job<ConfirmationJob>[]) => {
      await confirm(job!.data.changeId, job!.signal);
    });
    deps.metrics?.showDeliveryQueues(async () => {
      const open = await openDeliveriesBySystem(db, new Date());
      // Every system's queue has a sample, 0 when nothing waits, so a dashboard shows it drained rather than absent.
      return Object.fromEntries(DELIVERY_SYSTEMS.map((system) => [deliveryQueue(system), open.get(system) ?? { depth: 0, oldestAgeSeconds: 0 }]));
    });
    await ensureQueues(queue, [FORGET_KEYS_QUEUE], 'standard', {});
    await queue.schedule(FORGET_KEYS_QUEUE, FORGET_KEYS_CRON);
    await queue.work(FORGET_KEYS_QUEUE, polling, async () => {
      const forgotten = await deleteExpiredKeys(db, config.changes.idempotencyRetentionHours);
      logger.info({ forgotten }, 'idempotency keys past their retention forgotten');
    });
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return { close };
}
