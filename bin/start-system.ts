import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { loadConfig, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../platform/config/index.ts';
import { createLogger, type Logger } from '../platform/logging/index.ts';
import { createMetrics, type Metrics } from '../platform/metrics/index.ts';
import { tracingFromConfig, type Tracing } from '../platform/tracing/index.ts';
import { createBreakerBoard, createLegacyClients, type LegacyClientOptions } from '../platform/resilience/index.ts';
import { startRouteServer, type HealthOptions, type RunningServer, healthRoutes } from '../platform/http/index.ts';
import type { Estate } from '../legacy-estate/index.ts';
import type { Subgraph } from '../platform/subgraph/index.ts';
import { checkpointWriting, createAuditLog } from '../platform/audit/index.ts';
import { openSqlDatabase, resolveDatabaseUrl } from '../platform/database/index.ts';
import { onPort } from './start-failure.ts';

export type Component = 'estate' | SubgraphName | 'gateway' | 'delivery';
/** `delivery`: the worker that delivers reported changes to the legacy systems, from the queue. */
export const COMPONENTS: readonly Component[] = ['estate', ...SUBGRAPH_NAMES, 'gateway', 'delivery'];

export interface RunningSystem extends AsyncDisposable {
  readonly config: Config;
  readonly metrics: Metrics;
  /** Spans of the gateway, subgraphs and legacy calls (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set). */
  readonly tracing: Tracing;
  readonly estate?: Estate;
  readonly gateway?: RunningServer;
  /** Subgraphs served over HTTP on their own ports (none when the gateway beside them calls them in process). */
  readonly subgraphs: Partial<Record<SubgraphName, RunningServer>>;
  /** The operations port (`/metrics`), when this process serves one. */
  readonly ops?: RunningServer;
  /** Drains the gateway, then closes subgraphs, pools, the audit store and the estate; safe to call twice. */
  close(): Promise<void>;
}

export interface StartSystemOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly components?: readonly Component[];
  /** Port 0 everywhere, for tests: each component's real port is passed on to the next. */
  readonly ephemeralPorts?: boolean;
  /**
   * How the gateway reaches subgraphs started beside it: `in-process` (default; a subgraph
   * whose URL is configured is still called over HTTP), or `http` on their own ports, as
   * docker-compose runs them.
   */
  readonly subgraphTransport?: 'in-process' | 'http';
  /**
   * A cluster worker of `npm start`: it serves `/metrics` on no operations port (the primary
   * does) and shares the gateway port with the other workers, on sockets of its own
   * (`GATEWAY_ACCEPTORS`; platform/http/listen.ts says where the platform allows it).
   */
  readonly clusterWorker?: boolean;
  readonly logger?: Logger;
  readonly onListening?: (component: Component | 'operations', url: string) => void;
  /** The subgraphs' clock (dates of payment schedules and checks); default the system clock. */
  readonly clock?: () => Date;
  /** Tracing to use instead of the configured one (tests, with an in-memory exporter); its creator shuts it down. */
  readonly tracing?: Tracing;
}

/**
 * Names one process's audit hash chain. Unique per process, not just per host: two replicas
 * of a component on one host (cluster workers, containers sharing a host name) must never
 * append to the same chain.
 */
function auditWriterId(component: string): string {
  return `${component}@${hostname()}/${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * Starts the estate, the seven subgraphs, the gateway and the delivery worker (or the chosen components) in one
 * process, in dependency order. The gateway calls subgraphs in the same process in process;
 * only subgraphs it reaches over HTTP listen on their own ports.
 */
export async function startSystem(options: StartSystemOptions = {}): Promise<RunningSystem> {
  const components = new Set(options.components ?? COMPONENTS);
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  let config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: 'citizen-graph' });
  const metrics = createMetrics();
  const breakers = createBreakerBoard();
  metrics.showBreakers(breakers.states);
  const started: Array<{ close(): Promise<void> }> = [];
  // Closed last, so the spans of requests drained at shutdown are still exported.
  const tracing = options.tracing ?? (await tracingFromConfig(config.tracing));
  if (!options.tracing) started.push({ close: () => tracing.shutdown() });
  const clientOptions: LegacyClientOptions = { observe: metrics.observeLegacyCall, observeShared: metrics.countSharedRead, logger, breakers, tracing };
  const subgraphs: Partial<Record<SubgraphName, RunningServer>> = {};
  const portOf = (configured: number) => (options.ephemeralPorts ? 0 : configured);
  let estate: Estate | undefined;
  let gateway: RunningServer | undefined;
  let ops: RunningServer | undefined;
  let closing = false;
  let closed: Promise<void> | undefined;

  const close = () => {
    closing = true;
    closed ??= (async () => {
      for (const server of started.reverse()) await server.close();
    })();
    return closed;
  };
  try {
    if (components.has('estate')) {
      const port = portOf(config.estate.port);
      // Loaded only where it runs: a gateway or subgraph process holds no simulated population code.
      const { startEstate } = await import('../legacy-estate/index.ts');
      estate = await onPort('ESTATE_PORT', port, () =>
        startEstate({ port, host: config.host, seed: config.estate.seed, size: config.estate.size, faults: config.estate.faults, dataDir: config.estate.dataDir, notify: { credentials: config.notify } }),
      );
      started.push(estate);
      env.ESTATE_URL = estate.url;
      options.onListening?.('estate', estate.url);
    }
    config = loadConfig(env);
    const subgraphNames = SUBGRAPH_NAMES.filter((name) => components.has(name));
    // DATABASE_URL, or the embedded server under DATA_DIR (started here, or attached to if another process runs it).
    const needsAudit = subgraphNames.length > 0 || components.has('gateway');
    const databaseServer = needsAudit || components.has('delivery') ? await resolveDatabaseUrl(config, logger) : undefined;
    if (databaseServer) started.push(databaseServer);
    const auditDatabase = needsAudit ? openSqlDatabase(databaseServer!.url) : undefined;
    if (auditDatabase) started.push(auditDatabase);
    const health: HealthOptions = {
      checks: {
        // Out of the load balancer's rotation as soon as shutdown starts, while in-flight requests drain.
        accepting: () => !closing,
        audit: async () => (await auditDatabase!.query('SELECT 1 AS ok')).rows.length === 1,
      },
      breakers: breakers.states,
    };
    // One log per process: the gateway writes each request's entry to its chain; the identity
    // subgraph serves reads of the whole audit from it.
    // Only the gateway records, so only it signs checkpoints and needs the signing key.
    const audit = auditDatabase
      ? await createAuditLog({
          database: auditDatabase,
          writerId: auditWriterId(components.has('gateway') ? 'gateway' : subgraphNames.join('+')),
          observeRecord: metrics.observeAuditWrite,
          observeBatch: metrics.observeAuditBatch,
          groupCommitMs: config.audit.groupCommitMs,
          ...(components.has('gateway') ? { checkpoints: await checkpointWriting(config.audit.checkpoints, logger) } : {}),
        })
      : undefined;
    if (audit) started.push(audit);
    const localSubgraphs: Partial<Record<SubgraphName, Subgraph['execute']>> = {};
    // Loaded only where they run: the estate's own process holds no Apollo.
    const subgraphCode = subgraphNames.length > 0 ? { ...(await import('../subgraphs/index.ts')), ...(await import('../platform/subgraph/index.ts')), ...(await import('../platform/auth/index.ts')) } : undefined;
    const internalTokens = subgraphCode ? subgraphCode.createInternalTokenVerifier({ secret: await subgraphCode.internalTokenSecret(config) }) : undefined;
    // One client per legacy system for all of this process's subgraphs; closed after them.
    const legacy = createLegacyClients(clientOptions);
    started.push(legacy);
    for (const name of subgraphNames) {
      const { SUBGRAPHS, createSubgraph } = subgraphCode!;
      const subgraph = await createSubgraph(SUBGRAPHS[name].create(config, { audit: audit!, legacy, clientOptions, databaseUrl: databaseServer!.url }), {
        logger,
        internalTokens: internalTokens!,
        metrics,
        citizenBudget: config.citizenBudgetPerRequest,
        requestDeadlineMs: config.requestDeadlineMs,
        tracing,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      started.push(subgraph);
      const inProcess = components.has('gateway') && options.subgraphTransport !== 'http' && !config.subgraphs[name].urlConfigured;
      if (inProcess) {
        localSubgraphs[name] = subgraph.execute;
        continue;
      }
      const port = portOf(config.subgraphs[name].port);
      const server = await onPort(`${name.toUpperCase()}_PORT`, port, () =>
        subgraph.serve({ port, host: config.host, shutdownTimeoutMs: config.process.shutdownTimeoutMs, routes: healthRoutes(health) }),
      );
      subgraphs[name] = server;
      env[`${name.toUpperCase()}_URL`] = server.url;
      options.onListening?.(name, server.url);
    }
    config = loadConfig(env);
    if (needsAudit && !options.clusterWorker) {
      const port = portOf(config.process.opsPort);
      // Started before the gateway so that it closes after it: metrics stay readable while the gateway drains.
      ops = await onPort('OPS_PORT', port, () =>
        startRouteServer({ 'GET /metrics': metrics.handler }, { port, host: config.host, shutdownTimeoutMs: config.process.shutdownTimeoutMs }),
      );
      started.push(ops);
      options.onListening?.('operations', `${ops.url}/metrics`);
    }
    if (components.has('gateway')) {
      const port = portOf(config.gateway.port);
      const { startGateway } = await import('../gateway/create-gateway.ts');
      gateway = await onPort('PORT', port, () => startGateway({ config, logger, metrics, tracing, audit: audit!, databaseUrl: databaseServer!.url, port, acceptors: options.clusterWorker ? config.process.gatewayAcceptors : 1, localSubgraphs, health }));
      started.push(gateway);
      options.onListening?.('gateway', gateway.url);
    }
    if (components.has('delivery')) {
      // Loaded only where it runs, like the estate and the subgraphs.
      const { startDeliveryWorker } = await import('../subgraphs/changes/delivery/index.ts');
      // Started last, so it stops first: no delivery is left half-recorded while the rest drains.
      started.push(await startDeliveryWorker(config, { databaseUrl: databaseServer!.url, clientOptions, logger, metrics }));
      // It listens on no port; what an operator needs is the process to signal (or, in a test, to kill).
      options.onListening?.('delivery', `pid ${process.pid}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { config, metrics, tracing, estate, gateway, subgraphs, ops, close, [Symbol.asyncDispose]: close };
}
