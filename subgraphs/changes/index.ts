import type { PgBoss } from 'pg-boss';
import type { LegacyCallScope, LegacyClient } from '../../platform/resilience/index.ts';
import { internalTokenSecret } from '../../platform/auth/index.ts';
import { CITIZEN_ROOT_TYPE_DEFS, loadTypeDefs, type SubgraphDefinition, type SubgraphDeps } from '../../platform/subgraph/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { openSqlDatabase } from '../../platform/database/index.ts';
import { createLogger } from '../../platform/logging/index.ts';
import { createCisReader } from './adapters/cis.client.ts';
import { createLegacyWriters, DELIVERY_SYSTEMS, PROTOCOLS, type DeliverySystem } from './adapters/legacy-writer.ts';
import { readHistories } from './adapters/read-before-write.ts';
import { createAddressDirectory } from './adapters/postcodes.client.ts';
import { createChangeLoaders, type ChangeLoaders, type HistoryReader } from './loaders.ts';
import { createChangeReporter } from './reporter.ts';
import { createResolvers } from './resolvers.ts';
import { createChangeSchema } from './store/index.ts';
import { deliveryQueue, deliveryQueueOptions, ensureQueues, openQueue } from './delivery/queues.ts';
import { createCursorSigner } from './timeline/cursor.ts';

export const changesTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url), CITIZEN_ROOT_TYPE_DEFS);

/**
 * The changes subgraph: changes of circumstances reported once, stored with their deliveries
 * and queued for the delivery worker (`./delivery`), and their progress.
 */
export function createChangesSubgraph(config: Config, deps: SubgraphDeps): SubgraphDefinition<ChangeLoaders> {
  if (!deps.databaseUrl) throw new Error('the changes subgraph needs the system\'s PostgreSQL (databaseUrl)');
  const databaseUrl = deps.databaseUrl;
  const db = openSqlDatabase(databaseUrl);
  const cisClient = deps.legacy.of(config.legacy.cis);
  const postcodesClient = deps.legacy.of(config.legacy.postcodes);
  // The timeline reads every system's history through its writer protocol.
  const historyClients = Object.fromEntries(DELIVERY_SYSTEMS.map((system) => [system, deps.legacy.of(config.legacy[system])])) as Record<DeliverySystem, LegacyClient>;
  const historyReader =
    (scope: LegacyCallScope): HistoryReader =>
    (system, ninos) =>
      readHistories(PROTOCOLS[system], historyClients[system].forRequest(scope), ninos, config.legacy.singleLookupConcurrency);
  // Cursors are signed with the deployment's own secret, so every worker and restart reads every other's.
  const cursors = internalTokenSecret(config).then(createCursorSigner);
  cursors.catch(() => {});
  const writers = createLegacyWriters(config, deps.clientOptions ?? {});
  const logger = deps.clientOptions?.logger ?? createLogger({ level: config.logLevel, name: 'citizen-graph' });
  // Started on the first change reported, so a system that only reads never waits for the queue's migrations.
  let queue: Promise<PgBoss> | undefined;
  const startQueue = () =>
    (queue ??= (async () => {
      await ready;
      const boss = openQueue(databaseUrl, config.changes, 'producer', logger);
      await boss.start();
      await ensureQueues(boss, DELIVERY_SYSTEMS.map(deliveryQueue), 'key_strict_fifo', deliveryQueueOptions(config.changes));
      return boss;
    })());
  const ready = createChangeSchema(db);
  // Awaited by every store read and the first report, which see its failure; unawaited, it must not crash the process.
  ready.catch(() => {});
  const reporter = createChangeReporter({ db, storeReady: ready, queue: startQueue, writers, clock: () => new Date() });
  return {
    name: 'changes',
    typeDefs: changesTypeDefs,
    resolvers: createResolvers(reporter, cursors),
    createLoaders: (scope) => createChangeLoaders(createCisReader(cisClient.forRequest(scope)), createAddressDirectory(postcodesClient.forRequest(scope)), db, ready, historyReader(scope)),
    close: async () => {
      const started = await queue?.catch(() => undefined);
      await started?.stop({ graceful: true, timeout: config.process.shutdownTimeoutMs });
      await writers.close();
      await db.close();
    },
  };
}
