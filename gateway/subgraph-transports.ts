import { Pool } from 'undici';
import type { InProcessCall, Subgraph, SubgraphAnswer } from '../platform/subgraph/index.ts';
import { timeoutSignal } from '../platform/resilience/index.ts';

/** One subgraph call as the gateway makes it: what a subgraph in process is handed, and how to reach one elsewhere. */
export interface SubgraphCall extends InProcessCall {
  /** The caller, signed into the short-lived token a subgraph in another process requires. */
  readonly token: () => Promise<string>;
  readonly timeoutMs: number;
}

/** How a subgraph is reached: over HTTP, or in the gateway's own process. Both answer the status and the GraphQL response. */
export interface SubgraphTransport {
  /** Rejects when the subgraph cannot be reached, does not answer in time, or answers something that is not JSON. */
  send(call: SubgraphCall): Promise<SubgraphAnswer>;
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
          body: JSON.stringify(call.request),
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
          signal: timeout.signal,
        });
        return { status: response.statusCode, response: JSON.parse(await response.body.text()) as unknown };
      } finally {
        timeout.clear();
      }
    },
    close: () => pool.close(),
  };
}

/**
 * In process, through the subgraph's own `execute`, with the headers an HTTP call would carry
 * and the caller as the gateway established it: the subgraph builds fresh loaders, enforces and
 * reports every access and masks its errors. Only the socket, the HTTP framing, the JSON round
 * trip of request and answer, and the token are saved.
 */
export function inProcessTransport(execute: Subgraph['execute']): SubgraphTransport {
  return {
    // The same bound as an HTTP call: the gateway stops waiting, the subgraph finishes unobserved.
    send: (call) => withinTimeout(execute(call), call.timeoutMs),
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
