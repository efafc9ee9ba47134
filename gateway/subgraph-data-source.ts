import { performance } from 'node:perf_hooks';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { AppError } from '../platform/errors/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import { SPAN_ATTRIBUTES, type Tracing } from '../platform/tracing/index.ts';
import { CITIZEN_BUDGET_HEADER } from '../platform/subgraph/index.ts';
import { createSharedReads, DEADLINE_HEADER, deadlineHeaderValue } from '../platform/resilience/index.ts';
import { remainingCitizenBudget } from './citizen-limit.ts';
import type { CallerAuthentication, GatewayContext } from './caller-authentication.ts';
import { collectAccessReport } from './request-audit.ts';
import type { SubgraphTransport } from './subgraph-transports.ts';
import { timeKeptBack } from './plan-levels.ts';
import type { SubgraphAnswer } from '../platform/subgraph/index.ts';

export interface SubgraphDataSourceOptions {
  readonly name: string;
  /** Over HTTP, or in process: everything else about a call is the same. */
  readonly transport: SubgraphTransport;
  readonly authentication: CallerAuthentication;
  readonly logger: Logger;
  /** Kept back from a fetch's budget for each level of the plan that waits for its answer. */
  readonly reservePerLevelMs: number;
  /** How long past the request's deadline the gateway still waits for a subgraph that was told the deadline. */
  readonly graceMs: number;
  /** Longest any one subgraph call may take, whatever the deadline. */
  readonly maxTimeoutMs: number;
  /** Most distinct citizens one request may reach across every subgraph. */
  readonly citizenBudget: number;
  /** Each fetch runs in a span whose W3C trace context the subgraph continues. */
  readonly tracing: Tracing;
  /** Told the outcome and duration of every fetch (metrics). */
  readonly observeFetch: (subgraph: string, outcome: 'ok' | 'error', seconds: number) => void;
}

/**
 * Calls one subgraph for the gateway: the caller's principal in a short-lived internal token,
 * the request's remaining time and citizen budgets in headers (so the subgraph answers with the
 * parts it has before the deadline, and reaches no more citizens than the request may), and the
 * subgraph's access report folded into the request's one audit entry. A subgraph that does not
 * answer costs its part of the answer (SUBGRAPH_UNAVAILABLE), logged with its cause.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): GraphQLDataSource<GatewayContext> & { close(): Promise<void> } {
  const unavailable = (context: GatewayContext, cause: unknown) => {
    options.logger.warn({ err: cause, requestId: context.requestId, subgraph: options.name }, 'subgraph call failed');
    return new AppError('SUBGRAPH_UNAVAILABLE', `The ${options.name} part of the graph did not answer; only its part of the answer is missing.`, { cause });
  };

  async function fetch(call: Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>): Promise<GatewayGraphQLResponse> {
    const { context } = call;
    const operationName = call.incomingRequestContext.operationName ?? undefined;
    // What JSON would carry: no keys left undefined (Apollo refuses `operationName: undefined`).
    const { query, variables, operationName: planned } = call.request;
    if (query === undefined) throw unavailable(context, new Error('the query planner sent no query'));
    const later = context.laterLevels?.get(query) ?? 0;
    const budget = deadlineHeaderValue(context.deadline, timeKeptBack(context.deadline.remainingMs(), later, options.reservePerLevelMs));
    const request = { query, ...(variables ? { variables } : {}), ...(planned ? { operationName: planned } : {}) };
    let answer: SubgraphAnswer;
    try {
      answer = await options.transport.send({
        caller: { principal: context.principal, ...(operationName !== undefined ? { operationName } : {}) },
        token: () => options.authentication.internalToken(context, operationName),
        request,
        sharedReads: (context.sharedReads ??= createSharedReads()),
        headers: options.tracing.withTraceContext({
          [DEADLINE_HEADER]: budget,
          [CITIZEN_BUDGET_HEADER]: String(remainingCitizenBudget(context.access.citizens, variables, options.citizenBudget)),
        }),
        timeoutMs: Math.min(Number(budget) + options.graceMs, options.maxTimeoutMs),
      });
    } catch (error) {
      throw unavailable(context, error);
    }
    const response = answer.response as GatewayGraphQLResponse | null;
    // A refused request (4xx) still answers in GraphQL's shape, with its report; anything else is a failure.
    if (answer.status >= 500 || typeof response !== 'object' || response === null) throw unavailable(context, new Error(`subgraph answered HTTP ${answer.status}`));
    collectAccessReport(context.access, options.name, response.extensions);
    return { ...(response.data !== undefined ? { data: response.data } : {}), ...(response.errors ? { errors: response.errors } : {}) };
  }

  const spanName = `subgraph fetch ${options.name}`;
  return {
    async process(call: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
      // The supergraph is static: the gateway never loads schemas or health-checks through here.
      if (call.kind !== 'incoming operation') throw new Error(`unexpected ${call.kind} request to subgraph ${options.name}`);
      const started = performance.now();
      const attributes = { [SPAN_ATTRIBUTES.subgraph]: options.name, [SPAN_ATTRIBUTES.requestId]: call.context.requestId };
      try {
        const response = await options.tracing.inSpan(spanName, { kind: 'client', attributes }, () => fetch(call));
        options.observeFetch(options.name, 'ok', (performance.now() - started) / 1000);
        return response;
      } catch (error) {
        options.observeFetch(options.name, 'error', (performance.now() - started) / 1000);
        throw error;
      }
    },
    close: () => options.transport.close(),
  };
}
