import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { GraphQLError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLHandler } from '../platform/http/index.ts';

/** The `authorization` header value for one subgraph call, or undefined for none. */
export type SubgraphAuthorization<TContext extends Record<string, any>> = (options: GraphQLDataSourceProcessOptions<TContext>) => Promise<string | undefined>;

/**
 * Calls a subgraph that runs in the gateway's own process through the handler its `/graphql`
 * uses, with the headers an HTTP call would carry: the subgraph still verifies the gateway's
 * token, builds fresh loaders, tracks and audits every access and masks its errors. Only the
 * socket, the HTTP framing and the request's JSON round trip are saved.
 */
export function createInProcessDataSource<TContext extends Record<string, any>>(
  handle: GraphQLHandler,
  { authorization, timeoutMs }: { authorization: SubgraphAuthorization<TContext>; timeoutMs: number },
): GraphQLDataSource<TContext> {
  return {
    async process(options): Promise<GatewayGraphQLResponse> {
      // What JSON would carry: no `http`, and no keys left undefined (Apollo refuses `operationName: undefined`).
      const { http: _http, ...request } = options.request;
      const body = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
      const token = await authorization(options);
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) };
      // The same bound as an HTTP call: the gateway stops waiting, the subgraph finishes unobserved.
      const response = await withinTimeout(handle({ method: 'POST', headers, search: '', body: async () => body }, randomUUID()), timeoutMs);
      if (response.body.kind !== 'complete') throw new Error('a subgraph answered in parts, which the gateway does not request');
      const parsed = JSON.parse(response.body.string) as GatewayGraphQLResponse;
      // As RemoteGraphQLDataSource does for a non-2xx answer, so both transports fail alike.
      if (response.status < 200 || response.status >= 300) {
        const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
        throw new GraphQLError(`${response.status}: ${STATUS_CODES[response.status] ?? ''}`, {
          extensions: { ...(code ? { code } : {}), response: { status: response.status, body: parsed } },
        });
      }
      return parsed;
    },
  };
}

function withinTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the subgraph did not answer within the subgraph timeout')), timeoutMs);
  });
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}
