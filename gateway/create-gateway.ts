import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config, SubgraphName } from '../platform/config/index.ts';
import { maskError } from '../platform/errors/index.ts';
import { healthRoutes, type HealthOptions, type RunningServer } from '../platform/http/index.ts';
import { startGraphQLHttpServer } from '../platform/http/graphql.ts';
import type { Logger } from '../platform/logging/index.ts';
import type { Subgraph } from '../platform/subgraph/index.ts';
import { loadSupergraph } from './supergraph.ts';
import { createSubgraphDataSource } from './subgraph-data-source.ts';
import { requestAuditPlugin } from './request-audit.ts';
import { citizenLimit } from './citizen-limit.ts';
import { enforceInputScalars } from './input-scalars.ts';
import { requestIdPlugin } from './request-id-plugin.ts';
import { createCallerAuthentication, type GatewayContext } from './caller-authentication.ts';
import { introspectionForAnalysts, operationResolved, queryLimits } from './hardening.ts';
import { operationChecksPlugin } from './operation-checks.ts';
import { loadManifest } from './persisted-operations.ts';
import { createAdmission, recordRefusal } from './admission.ts';
import { createInFlightCap, createRateLimit } from './overload/index.ts';
import { httpTransport, inProcessTransport } from './subgraph-transports.ts';
import { webPageRoutes } from './web-pages.ts';
import { withCitizenExistence } from './citizen-existence.ts';
import { laterLevels } from './plan-levels.ts';
import type { AuditLog } from '../platform/audit/index.ts';
import type { Metrics } from '../platform/metrics/index.ts';
import type { Tracing } from '../platform/tracing/index.ts';
import { requestTelemetryPlugin } from './request-telemetry.ts';

export type { GatewayContext } from './caller-authentication.ts';

export interface StartGatewayOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Spans for each request and each subgraph fetch (off: TRACING_OFF). */
  readonly tracing: Tracing;
  /** Where each request's one entry is recorded, refusals made before any subgraph is reached included. */
  readonly audit: AuditLog;
  /** The system's PostgreSQL (DATABASE_URL, or the embedded server), for a rate-limit count shared across instances. */
  readonly databaseUrl: string;
  readonly port?: number;
  /** Listening sockets on the port, shared with other processes serving it (platform/http/listen.ts); 1, the default, holds the port alone. */
  readonly acceptors?: number;
  /** Subgraphs running in this process, called in process rather than over HTTP. */
  readonly localSubgraphs?: Partial<Record<SubgraphName, Subgraph['execute']>>;
  /** What `/health/ready` checks besides the supergraph being loaded, and the breakers it shows. */
  readonly health: HealthOptions;
}

/**
 * @apollo/gateway 2.14, unless this is set when it is constructed, probes the cloud metadata
 * services of Alibaba, AWS, Azure and GCP at start, and sends the host's description (OS, CPUs,
 * memory, cloud, uptime) to Apollo's usage-reporting service hourly and at shutdown. A
 * department's system reports to no third party: it is off whatever the environment says
 * (test/outbound-connections.test.ts proves the system connects to nothing but what it is given).
 */
function withoutApolloDataCollection(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

/** Largest GraphQL request body the gateway reads. */
const MAX_BODY_BYTES = 100_000;

/**
 * Starts the supergraph gateway: @apollo/gateway on the static supergraph in schema/, in
 * front of the subgraphs, admitting only verified callers and hardened against hostile queries.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const authentication = await createCallerAuthentication(config);
  const manifest = loadManifest();
  const rateLimit = await createRateLimit({ config: config.overload.rateLimit, databaseUrl: options.databaseUrl, metrics: options.metrics, logger });
  const dataSources: Array<ReturnType<typeof createSubgraphDataSource>> = [];
  withoutApolloDataCollection();
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    logger,
    buildService: ({ name }) => {
      const local = options.localSubgraphs?.[name as SubgraphName];
      const source = createSubgraphDataSource({
        name,
        transport: local ? inProcessTransport(local) : httpTransport(config.subgraphs[name as SubgraphName].url, config.gateway.subgraphConnections),
        authentication,
        logger,
        graceMs: config.gateway.subgraphDeadlineGraceMs,
        reservePerLevelMs: config.gateway.deadlineReservePerLevelMs,
        maxTimeoutMs: config.gateway.subgraphTimeoutMs,
        citizenBudget: config.citizenBudgetPerRequest,
        tracing: options.tracing,
        observeFetch: options.metrics.observeSubgraphFetch,
      });
      dataSources.push(source);
      return source;
    },
    // Each fetch's data source keeps time back for the levels of the plan that wait for it.
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      (requestContext.context as GatewayContext).laterLevels = laterLevels(queryPlan);
    },
  });
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    enforceInputScalars(apiSchema);
    supergraphLoaded = true;
  });
  const limits = queryLimits({ production: config.production, onRefused: (context, request, error) => recordRefusal({ audit: options.audit, logger }, context, request, error) });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withCitizenExistence(gateway),
    logger,
    // Shutdown is the process's to order (drain, then close stores): Apollo must not stop itself and re-raise the signal.
    stopOnTerminationSignals: false,
    ...limits,
    // No Apollo Sandbox: it loads from a CDN. The explorer at /explorer is bundled and served here.
    // No cache hints: every answer is marked no-store by the HTTP server.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]), requestAuditPlugin(options.audit, logger), requestIdPlugin(), operationChecksPlugin([operationResolved, introspectionForAnalysts, citizenLimit(config.gateway.maxCitizensPerRequest)]), requestTelemetryPlugin(options.metrics, options.tracing)],
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: (formatted, error) => {
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' || !formatted.extensions?.code) logger.error({ err: error }, 'unexpected gateway error');
      return maskError(formatted, error);
    },
  });
  await apollo.start();
  const { maxRequestsInFlight: max, maxExecuting, longRequestMs, maxWaitMs, busyUtilisation, windowMs, retryAfterSeconds } = config.overload;
  const inFlightCap = createInFlightCap({ max, maxExecuting, longRequestMs, maxWaitMs, busyUtilisation, windowMs, retryAfterSeconds, metrics: options.metrics });
  const server = await startGraphQLHttpServer<GatewayContext>(
    {
      apollo,
      maxBodyBytes: MAX_BODY_BYTES,
      admit: inFlightCap.admit,
      async context(headers, requestId) {
        // The caller must be known to be counted, and is counted before its body is even read.
        const context = await authentication.context(headers, requestId);
        await rateLimit.consume(context.principal);
        return context;
      },
      prepareBody: createAdmission({ manifest, audit: options.audit, logger }),
      requestSpan: { tracing: options.tracing, name: 'gateway request' },
      onRefusal: (code) => options.metrics.countError('gateway', code),
      shutdownTimeoutMs: config.process.shutdownTimeoutMs,
      routes: {
        ...authentication.routes,
        ...(await webPageRoutes(config)),
        // On the API port, where load balancers probe; /metrics is on the operations port.
        ...healthRoutes({ checks: { supergraph: () => supergraphLoaded, ...options.health.checks }, breakers: options.health.breakers }),
      },
    },
    { port: options.port ?? config.gateway.port, host: config.host, acceptors: options.acceptors },
  );
  const close = async () => {
    await server.close();
    inFlightCap.close();
    await Promise.all(dataSources.map((source) => source.close()));
    await rateLimit.close();
  };
  return { url: server.url, port: server.port, close, [Symbol.asyncDispose]: close };
}
