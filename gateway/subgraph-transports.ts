import { Pool } from 'undici';
import type { InternalCall } from '../platform/auth/index.ts';
import type { GraphQLHandler } from '../platform/http/index.ts';
import { timeoutSignal } from '../platform/resilience/index.ts';

/** One subgraph call as the gateway makes it: for whom, the operation, its headers, and how long to wait. */
export interface SubgraphCall {
  readonly requestId: string;
  /** The caller the gateway established, and the operation they named. */
  readonly caller: InternalCall;
  /** The same, signed into the short-lived token a subgraph in another process requires. */
  readonly token: () => Promise<string>;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** How a subgraph is reached: over HTTP, or in the gateway's own process. Both answer status and JSON text. */
export interface SubgraphTransport {
  send(call: SubgraphCall): Promise<{ readonly status: number; readonly text: string }>;
  close(): Promise<void>;
}

/** Over HTTP with undici's pooled `request` (its web-streams `fetch` path cost half the gateway's CPU). */
export function httpTransport(url: string, connections: number): SubgraphTransport {
  const endpoint = new URL(url);
  const pool = new Pool(endpoint.origin, { connections, keepAliveTimeout: 30_000 });
  return {
    async send(call) {
      const timeout = timeoutSignal(call.timeoutMs);
      try {
        const response = await pool.request({
          method: 'POST',
          path: endpoint.pathname,
          headers: { 'content-type': 'application/json', ...call.headers, authorization: `Bearer ${await call.token()}` },
          body: JSON.stringify(call.body),
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
          signal: timeout.signal,
        });
        return { status: response.statusCode, text: await response.body.text() };
      } finally {
        timeout.clear();
      }
    },
    close: () => pool.close(),
  };
}

/**
 * In process, through the handler the subgraph's own `/graphql` uses, with the headers an HTTP
 * call would carry and the caller as the gateway established it: the subgraph builds fresh
 * loaders, enforces and reports every access and masks its errors. Only the socket, the HTTP
 * framing, the request body's JSON round trip and the token are saved.
 */
export function inProcessTransport(handlerFor: (caller: InternalCall) => GraphQLHandler): SubgraphTransport {
  return {
    async send(call) {
      const answer = handlerFor(call.caller)({ method: 'POST', headers: { 'content-type': 'application/json', ...call.headers }, search: '', body: async () => call.body }, call.requestId);
      // The same bound as an HTTP call: the gateway stops waiting, the subgraph finishes unobserved.
      const response = await withinTimeout(answer, call.timeoutMs);
      if (response.body.kind !== 'complete') throw new Error('a subgraph answered in parts, which the gateway does not ask for');
      return { status: response.status, text: response.body.string };
    },
    close: async () => {},
  };
}

function withinTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the subgraph did not answer in time')), timeoutMs);
  });
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}
