import { Pool } from 'undici';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { AppError } from '../platform/errors/index.ts';
import type { Logger } from '../platform/logging/index.ts';
import { CITIZEN_BUDGET_HEADER } from '../platform/subgraph/index.ts';
import { DEADLINE_HEADER, deadlineHeaderValue } from '../platform/resilience/index.ts';
import { remainingCitizenBudget } from './citizen-limit.ts';
import type { CallerAuthentication, GatewayContext } from './caller-authentication.ts';
import { collectAccessReport } from './request-audit.ts';

export interface SubgraphDataSourceOptions {
  readonly name: string;
  /** The subgraph's GraphQL endpoint. */
  readonly url: string;
  readonly authentication: CallerAuthentication;
  readonly logger: Logger;
  /** Keep-alive connections to this subgraph. */
  readonly connections: number;
  /** How long past the request's deadline the gateway still waits for a subgraph that was told the deadline. */
  readonly graceMs: number;
  /** Longest any one subgraph call may take, whatever the deadline. */
  readonly maxTimeoutMs: number;
  /** Most distinct citizens one request may reach across every subgraph. */
  readonly citizenBudget: number;
}

/**
 * Calls one subgraph over HTTP for the gateway: undici's pooled `request` (the web-streams
 * `fetch` path cost half the gateway's CPU), the caller's principal in a short-lived internal
 * token, the request's remaining time and citizen budgets in headers (so the subgraph answers
 * with the parts it has before the deadline, and reaches no more citizens than the request may),
 * and the subgraph's access report folded into the request's audit.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): GraphQLDataSource<GatewayContext> & { close(): Promise<void> } {
  const endpoint = new URL(options.url);
  const pool = new Pool(endpoint.origin, { connections: options.connections, keepAliveTimeout: 30_000 });
  const unavailable = (context: GatewayContext, cause: unknown) => {
    options.logger.warn({ err: cause, requestId: context.requestId, subgraph: options.name }, 'subgraph call failed');
    return new AppError('SUBGRAPH_UNAVAILABLE', `The ${options.name} part of the graph did not answer; only its part of the answer is missing.`, { cause });
  };

  return {
    async process(call: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
      // The supergraph is static: the gateway never loads schemas or health-checks through here.
      if (call.kind !== 'incoming operation') throw new Error(`unexpected ${call.kind} request to subgraph ${options.name}`);
      const { context } = call;
      const token = await options.authentication.internalToken(context, call.incomingRequestContext.operationName ?? undefined);
      const budget = deadlineHeaderValue(context.deadline);
      const timeoutMs = Math.min(Number(budget) + options.graceMs, options.maxTimeoutMs);
      let statusCode: number;
      let text: string;
      try {
        const response = await pool.request({
          method: 'POST',
          path: endpoint.pathname,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            [DEADLINE_HEADER]: budget,
            [CITIZEN_BUDGET_HEADER]: String(remainingCitizenBudget(context.access.citizens, call.request.variables, options.citizenBudget)),
          },
          body: JSON.stringify({ query: call.request.query, variables: call.request.variables, operationName: call.request.operationName }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
        });
        statusCode = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        throw unavailable(context, error);
      }
      let body: GatewayGraphQLResponse;
      try {
        body = JSON.parse(text) as GatewayGraphQLResponse;
      } catch (error) {
        throw unavailable(context, error);
      }
      // A refused request (4xx) still answers in GraphQL's shape, with its report; anything else is a failure.
      if (statusCode >= 500 || typeof body !== 'object' || body === null) throw unavailable(context, new Error(`subgraph answered HTTP ${statusCode}`));
      collectAccessReport(context.access, options.name, body.extensions);
      return { ...(body.data !== undefined ? { data: body.data } : {}), ...(body.errors ? { errors: body.errors } : {}) };
    },
    close: () => pool.close(),
  };
}
