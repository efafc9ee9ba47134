import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { Config, SubgraphName } from '../platform/config/index.ts';
import { maskError } from '../platform/errors/index.ts';
import { startGraphQLHttpServer, type RunningServer } from '../platform/http/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import { loadSupergraph } from './supergraph.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { enforceInputScalars } from './input-scalars.ts';
import { requestIdPlugin } from './request-id-plugin.ts';
import { createCallerAuthentication, type GatewayContext } from './caller-authentication.ts';
import { introspectionForAnalystsPlugin, queryLimits } from './hardening.ts';
import { loadManifest } from './persisted-operations.ts';
import { createAdmission } from './admission.ts';
import { createInFlightCap, createRateLimit } from './overload/index.ts';
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
  const rateLimit = await createRateLimit({ config: config.overload.rateLimit, databaseUrl: config.audit.databaseUrl, metrics: options.metrics, logger });
  const fetcher = createSubgraphFetcher({ timeoutMs: config.gateway.subgraphTimeoutMs, connections: 32 });
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    logger,
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphs[name as SubgraphName].url,
        fetcher,
        async willSendRequest(options) {
          // Only callers' operations go to the subgraphs: the supergraph is static, so no schema loading or health checks.
          if (!('incomingRequestContext' in options)) return;
          const token = await authentication.internalToken(options.context, options.incomingRequestContext.operationName ?? undefined);
          options.request.http?.headers.set('authorization', `Bearer ${token}`);
        },
      }),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => enforceInputScalars(apiSchema));
  const limits = queryLimits({ production: config.production });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
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
      admit: createInFlightCap({ max: config.overload.maxRequestsInFlight, retryAfterSeconds: config.overload.retryAfterSeconds, metrics: options.metrics }),
      async context(request, requestId) {
        // The caller must be known to be counted, and is counted before its body is even read.
        const context = await authentication.context(request, requestId);
        await rateLimit.consume(context.principal);
        return context;
      },
      prepareBody: createAdmission({ manifest, audit: options.audit, logger }),
      routes: {
        ...authentication.routes,
        'GET /metrics': options.metrics.handler,
        'GET /health': (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"status":"ok"}');
        },
      },
    },
    { port: options.port ?? config.gateway.port, host: config.host },
  );
  const close = async () => {
    await server.close();
    await fetcher.close();
    await rateLimit.close();
  };
  return { url: server.url, port: server.port, close, [Symbol.asyncDispose]: close };
}
