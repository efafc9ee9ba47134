import type { IncomingHttpHeaders } from 'node:http';
import type { DocumentNode } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { scalarResolvers } from '../domain/index.ts';
import { maskError } from '../errors/index.ts';
import { applyAuthorization, bearerToken, type InternalCall, type InternalTokenVerifier, type Principal } from '../auth/index.ts';
import { ACCESS_POLICIES } from './access-policies.ts';
import type { AuditReader } from '../audit/index.ts';
import { DEADLINE_HEADER, deadlineIn, type Deadline, type LegacyCallScope, type LegacyClientOptions, type LegacyClients, type SharedReads } from '../resilience/index.ts';
import { CITIZEN_BUDGET_HEADER, citizensIn, newAccessRecord, trackCitizenAccess, type AccessRecord } from './access-tracking.ts';
import { accessReportPlugin } from './access-report-plugin.ts';
import { responseCounterPlugin, type Metrics } from '../metrics/index.ts';
import { cappedIntegerHeader, type RouteHandler, type RunningServer } from '../http/index.ts';
import { startGraphQLHttpServer, type GraphQLHandlerOptions } from '../http/graphql.ts';
import type { Logger } from '../logging/index.ts';
import { SPAN_ATTRIBUTES, TRACING_OFF, type Tracing } from '../tracing/index.ts';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<TLoaders> {
  readonly requestId: string;
  /** The caller, as the gateway vouched for them in its signed token. */
  readonly principal: Principal;
  /** The operation name the caller gave the gateway (this subgraph sees only the planner's name for its part). */
  readonly operationName?: string;
  /** When this request's answer is due: what the gateway said was left of its budget, from arrival. */
  readonly deadline: Deadline;
  /** Per-request DataLoaders: never shared between requests, so one caller never sees another's data. */
  readonly loaders: TLoaders;
  /** Today's date (ISO) for payment schedules and ages, fixed for the whole request. */
  readonly today: string;
  /** When the request started, as an ISO 8601 instant (UTC) from the same clock: `today` is its date. */
  readonly now: string;
  /** What this request touched, reported to the gateway for its audit entry. */
  readonly access: AccessRecord;
}

export interface SubgraphDefinition<TLoaders> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  /** Builds one request's loaders; `scope` bounds every legacy call they make by the request's deadline. */
  readonly createLoaders: (scope: LegacyCallScope) => TLoaders;
  /** Releases long-lived resources of its own (the legacy clients are the process's, closed by their owner). */
  readonly close?: () => Promise<void>;
}

/** Long-lived things a subgraph is built from, besides its config. */
export interface SubgraphDeps {
  /** The process's legacy clients, shared by its subgraphs. */
  readonly legacy: LegacyClients;
  /** For clients a subgraph makes for itself (the writers of changes) and its own logging. */
  readonly clientOptions?: LegacyClientOptions;
  /** The access audit, for subgraphs that serve reads of it. */
  readonly audit: AuditReader;
  /** The system's PostgreSQL, for a subgraph that keeps state of its own (changes of circumstances). */
  readonly databaseUrl?: string;
}

export interface CreateSubgraphOptions {
  readonly logger: Logger;
  /**
   * Checks the gateway's short-lived tokens: the only callers a subgraph answers. Subgraphs in
   * one process share one, so a request's token is checked once there, not once per subgraph.
   */
  readonly internalTokens: InternalTokenVerifier;
  readonly metrics: Metrics;
  /** Most distinct citizens one request may reach here, whatever the gateway says is left. */
  readonly citizenBudget: number;
  /** The whole request's budget: the deadline when the gateway sends none, and the most it may send. */
  readonly requestDeadlineMs: number;
  readonly clock?: () => Date;
  /** Each request runs in a span continuing the gateway's trace (the `traceparent` it sends). Default: off. */
  readonly tracing?: Tracing;
  readonly plugins?: ApolloServerPlugin<SubgraphContext<unknown>>[];
}

/** One call from a gateway in the same process. */
export interface InProcessCall {
  /** The caller as the gateway established it (the request id included), and the operation they named. */
  readonly caller: InternalCall;
  readonly request: { readonly query: string; readonly variables?: Record<string, unknown>; readonly operationName?: string };
  /** What an HTTP call would carry besides the token: the deadline, the citizen budget, the trace context. */
  readonly headers: Readonly<Record<string, string>>;
  /** The legacy answers the caller's request has had from the subgraphs in this process, so that each identical read is made once. */
  readonly sharedReads?: SharedReads;
}

/** A subgraph's answer as its `/graphql` would give it, but as an object rather than JSON text. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly response: unknown;
}

/** A started subgraph, answering in this process and, when asked to, over HTTP. */
export interface Subgraph {
  readonly name: string;
  /**
   * For a gateway in the same process: answers one request exactly as `/graphql` does (fresh
   * loaders, access rules, access tracking, masking, the same plugins), minus the socket, the
   * token and HTTP's JSON round trip. The gateway established the caller itself; a token signed
   * only to be handed to oneself proves nothing, and signing and checking it cost a tenth of a
   * worker's CPU.
   */
  execute(call: InProcessCall): Promise<SubgraphAnswer>;
  /** Serves it on its own port as well, for a gateway elsewhere. */
  serve(listen: { port: number; host: string; shutdownTimeoutMs: number; routes?: Readonly<Record<string, RouteHandler>> }): Promise<RunningServer>;
  /** Drains its HTTP server if it has one, then releases its legacy pools. */
  close(): Promise<void>;
}

/** Starts a Federation 2 subgraph with per-request loaders and masked errors. */
export async function createSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, options: CreateSubgraphOptions): Promise<Subgraph> {
  type Context = SubgraphContext<TLoaders>;
  const authorized = applyAuthorization<Context>(
    buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown> }),
    {
      policies: ACCESS_POLICIES,
      getPrincipal: (context) => context.principal,
      onRefused: (refusal, context) => {
        for (const nino of citizensIn(refusal.source, refusal.args)) context.access.citizens.add(nino);
        context.access.deniedFields.add(`${definition.name}.${refusal.typeName}.${refusal.fieldName}`);
      },
    },
  );
  const schema = trackCitizenAccess<Context>(authorized, definition.name, (context) => context.access);
  const tokens = options.internalTokens;
  const logger = options.logger.child({ subgraph: definition.name });
  const apollo = new ApolloServer<Context>({
    schema,
    // Shutdown is the process's to order (drain the gateway first, then the subgraphs): Apollo
    // must not stop itself and re-raise the signal.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    logger,
    // No inline traces: we report to no Apollo service, and traces would tell callers our timings.
    // No landing page: Apollo's loads Sandbox from a CDN; the gateway serves the explorer.
    // No cache hints: answers about citizens are never cached, and computing hints wraps every field's resolver.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), accessReportPlugin(), responseCounterPlugin(options.metrics, definition.name), ...((options.plugins ?? []) as ApolloServerPlugin<Context>[])],
    formatError: (formatted, error) => {
      const original = (error as { originalError?: unknown }).originalError;
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' || !formatted.extensions?.code) logger.error({ err: original ?? error }, 'unexpected resolver error');
      return maskError(formatted, error);
    },
  });
  await apollo.start();
  const clock = options.clock ?? (() => new Date());
  const tracing = options.tracing ?? TRACING_OFF;
  const spanName = `subgraph ${definition.name}`;
  const graphql: GraphQLHandlerOptions<Context> = {
    apollo,
    requestSpan: { tracing, name: spanName },
    onRefusal: (code) => options.metrics.countError(definition.name, code),
    // No gateway token, no answer: not even `_service` or `_entities`.
    context: async (headers) => {
      // The budget runs from arrival: time spent checking the token counts against it.
      const arrived = performance.now();
      return contextFor(await tokens.verify(bearerToken(headers.authorization)), headers, { arrived });
    },
  };
  function contextFor({ principal, operationName }: InternalCall, headers: IncomingHttpHeaders, { arrived = performance.now(), sharedReads }: { arrived?: number; sharedReads?: SharedReads | undefined } = {}): Context {
    const deadline = deadlineIn(cappedIntegerHeader(headers[DEADLINE_HEADER], options.requestDeadlineMs), arrived);
    tracing.annotate({ [SPAN_ATTRIBUTES.requestId]: principal.requestId, [SPAN_ATTRIBUTES.operationName]: operationName ?? '(anonymous)' });
    // The gateway's request id, so one caller request correlates across every subgraph.
    return {
      requestId: principal.requestId,
      principal,
      ...(operationName !== undefined ? { operationName } : {}),
      deadline,
      loaders: definition.createLoaders({ requestId: principal.requestId, deadline, ...(sharedReads ? { sharedReads } : {}) }),
      ...clockReading(clock()),
      access: newAccessRecord(cappedIntegerHeader(headers[CITIZEN_BUDGET_HEADER], options.citizenBudget)),
    };
  }
  let server: RunningServer | undefined;
  return {
    name: definition.name,
    execute: ({ caller, request, headers, sharedReads }) =>
      tracing.inSpan(spanName, { kind: 'server', incoming: headers, attributes: { [SPAN_ATTRIBUTES.requestId]: caller.principal.requestId } }, async () => {
        // Apollo's own entry point for a request that did not come over HTTP: its pipeline and
        // plugins without content negotiation or serialising the answer for the gateway to parse.
        const result = await apollo.executeOperation(request, { contextValue: contextFor(caller, headers, { sharedReads }) });
        if (result.body.kind !== 'single') throw new Error('a subgraph answered in parts, which the gateway does not ask for');
        return { status: result.http.status ?? 200, response: result.body.singleResult };
      }),
    async serve(listen) {
      server = await startGraphQLHttpServer({ ...graphql, maxBodyBytes: 1_000_000, routes: listen.routes ?? {}, shutdownTimeoutMs: listen.shutdownTimeoutMs }, listen);
      return server;
    },
    async close() {
      // A served subgraph's server stops Apollo once its requests have drained.
      if (server) await server.close();
      else await apollo.stop();
      await definition.close?.();
    },
  };
}

/** One reading of the clock for a request, so its instant and its date always agree. */
function clockReading(at: Date): { today: string; now: string } {
  const now = at.toISOString();
  return { now, today: now.slice(0, 10) };
}
