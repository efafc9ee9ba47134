import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { Config, SubgraphName } from '../platform/config/index.ts';
import { maskError } from '../platform/errors/index.ts';
import { healthRoutes, startGraphQLHttpServer, type GraphQLHandler, type HealthOptions, type RunningServer } from '../platform/http/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import { loadSupergraph } from './supergraph.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { enforceInputScalars } from './input-scalars.ts';
import { requestIdPlugin } from './request-id-plugin.ts';
import { createCallerAuthentication, type GatewayContext } from './caller-authentication.ts';
import { introspectionForAnalystsPlugin, queryLimits } from './hardening.ts';
import { loadManifest } from './persisted-operations.ts';
import { createAdmission } from './admission.ts';
import { createInProcessDataSource, type SubgraphAuthorization } from './in-process-data-source.ts';
import type { AuditLog } from '../platform/audit/index.ts';
import { responseCounterPlugin, type Metrics } from '../platform/metrics/index.ts';

export type { GatewayContext } from './caller-authentication.ts';

export interface StartGatewayOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Where refusals made before any subgraph is reached are recorded. */
  readonly audit: AuditLog;
  readonly port?: number;
  /** Subgraphs running in this process, called in process rather than over HTTP. */
  readonly localSubgraphs?: Partial<Record<SubgraphName, GraphQLHandler>>;
  /** What `/health/ready` checks besides the supergraph being loaded, and the breakers it shows. */
  readonly health: HealthOptions;
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
  const fetcher = createSubgraphFetcher({ timeoutMs: config.gateway.subgraphTimeoutMs, connections: 32 });
  // Only callers' operations go to the subgraphs: the supergraph is static, so no schema loading or health checks.
  const authorization: SubgraphAuthorization<GatewayContext> = async (options) =>
    'incomingRequestContext' in options ? `Bearer ${await authentication.internalToken(options.context, options.incomingRequestContext.operationName ?? undefined)}` : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    logger,
    buildService: ({ name }) => {
      const local = options.localSubgraphs?.[name as SubgraphName];
      if (local) return createInProcessDataSource<GatewayContext>(local, { authorization, timeoutMs: config.gateway.subgraphTimeoutMs });
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphs[name as SubgraphName].url,
        fetcher,
        async willSendRequest(options) {
          const token = await authorization(options);
          if (token) options.request.http?.headers.set('authorization', token);
        },
      });
    },
  });
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    enforceInputScalars(apiSchema);
    supergraphLoaded = true;
  });
  const limits = queryLimits({ production: config.production });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    // Shutdown is the process's to order (drain, then close stores): Apollo must not stop itself and re-raise the signal.
    stopOnTerminationSignals: false,
    ...limits,
    plugins: [...(limits.plugins as ApolloServerPlugin<GatewayContext>[]), requestIdPlugin(), introspectionForAnalystsPlugin(), responseCounterPlugin(options.metrics, 'gateway') as ApolloServerPlugin<GatewayContext>],
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
  const server = await startGraphQLHttpServer<GatewayContext>(
    {
      apollo,
      maxBodyBytes: MAX_BODY_BYTES,
      context: (headers, requestId) => authentication.context(headers, requestId),
      prepareBody: createAdmission({ manifest, audit: options.audit, logger }),
      shutdownTimeoutMs: config.process.shutdownTimeoutMs,
      routes: {
        ...authentication.routes,
        // On the API port, where load balancers probe; /metrics is on the operations port.
        ...healthRoutes({ checks: { supergraph: () => supergraphLoaded, ...options.health.checks }, breakers: options.health.breakers }),
      },
    },
    { port: options.port ?? config.gateway.port, host: config.host },
  );
  const close = async () => {
    await server.close();
    await fetcher.close();
  };
  return { url: server.url, port: server.port, close, [Symbol.asyncDispose]: close };
}
