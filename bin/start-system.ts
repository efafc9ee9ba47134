import { loadConfig, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../platform/config/index.ts';
import { createLogger, type Logger } from '../platform/logging/index.ts';
import { createMetrics } from '../platform/metrics/index.ts';
import type { LegacyClientOptions } from '../platform/resilience/index.ts';
import { internalTokenSecret, startSubgraph } from '../platform/subgraph/index.ts';
import type { RunningServer } from '../platform/http/index.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';
import { startGateway } from '../gateway/create-gateway.ts';
import { startEstate, type Estate } from '../legacy-estate/index.ts';
import { checkpointWriting, createAuditLog } from '../platform/audit/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { hostname } from 'node:os';

export type Component = 'estate' | SubgraphName | 'gateway';
export const COMPONENTS: readonly Component[] = ['estate', ...SUBGRAPH_NAMES, 'gateway'];

export interface RunningSystem extends AsyncDisposable {
  readonly config: Config;
  readonly estate?: Estate;
  readonly gateway?: RunningServer;
  readonly subgraphs: Partial<Record<SubgraphName, RunningServer>>;
  close(): Promise<void>;
}

export interface StartSystemOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly components?: readonly Component[];
  /** Port 0 everywhere, for tests: each component's real port is passed on to the next. */
  readonly ephemeralPorts?: boolean;
  readonly logger?: Logger;
  readonly onListening?: (component: Component, url: string) => void;
}

/**
 * Starts the estate, the five subgraphs and the gateway (or the chosen components) in one
 * process, each on its own port, in dependency order.
 */
export async function startSystem(options: StartSystemOptions = {}): Promise<RunningSystem> {
  const components = new Set(options.components ?? COMPONENTS);
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  let config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: 'citizen-graph' });
  const metrics = createMetrics();
  const clientOptions: LegacyClientOptions = { observe: metrics.observeLegacyCall, logger };
  const started: Array<{ close(): Promise<void> }> = [];
  const subgraphs: Partial<Record<SubgraphName, RunningServer>> = {};
  let estate: Estate | undefined;
  let gateway: RunningServer | undefined;

  const close = async () => {
    for (const server of started.reverse()) await server.close();
  };
  try {
    if (components.has('estate')) {
      estate = await startEstate({
        port: options.ephemeralPorts ? 0 : config.estate.port,
        host: config.host,
        seed: config.estate.seed,
        size: config.estate.size,
        faults: config.estate.faults,
      });
      started.push(estate);
      env.ESTATE_URL = estate.url;
      options.onListening?.('estate', estate.url);
    }
    config = loadConfig(env);
    const secret = await internalTokenSecret(config);
    const subgraphNames = SUBGRAPH_NAMES.filter((name) => components.has(name));
    // DATABASE_URL, or the embedded server under DATA_DIR (started here, or attached to if another process runs it).
    const needsAudit = subgraphNames.length > 0 || components.has('gateway');
    const databaseServer = needsAudit ? await resolveDatabaseUrl(config, logger) : undefined;
    if (databaseServer) started.push(databaseServer);
    const auditDatabase = databaseServer ? openSqlDatabase(databaseServer.url) : undefined;
    if (auditDatabase) started.push(auditDatabase);
    // One log per process: the gateway writes each request's entry to its chain; the identity
    // subgraph serves reads of the whole audit from it.
    // Only the gateway records, so only it signs checkpoints and needs the signing key.
    const audit = auditDatabase
      ? await createAuditLog({
          database: auditDatabase,
          writerId: `${components.has('gateway') ? 'gateway' : subgraphNames.join('+')}@${hostname()}`,
          ...(components.has('gateway') ? { checkpoints: await checkpointWriting(config.audit.checkpoints, logger) } : {}),
        })
      : undefined;
    if (audit) started.push(audit);
    for (const name of subgraphNames) {
      const server = await startSubgraph(SUBGRAPHS[name].create(config, { audit: audit!, clientOptions }), {
        port: options.ephemeralPorts ? 0 : config.subgraphs[name].port,
        host: config.host,
        logger,
        internalTokenSecret: secret,
        metrics,
        citizenBudget: config.citizenBudgetPerRequest,
        requestDeadlineMs: config.requestDeadlineMs,
      });
      started.push(server);
      subgraphs[name] = server;
      env[`${name.toUpperCase()}_URL`] = server.url;
      options.onListening?.(name, server.url);
    }
    config = loadConfig(env);
    if (components.has('gateway')) {
      gateway = await startGateway({ config, logger, metrics, audit: audit!, databaseUrl: databaseServer!.url, ...(options.ephemeralPorts ? { port: 0 } : {}) });
      started.push(gateway);
      options.onListening?.('gateway', gateway.url);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { config, estate, gateway, subgraphs, close, [Symbol.asyncDispose]: close };
}
