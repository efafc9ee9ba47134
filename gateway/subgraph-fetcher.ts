import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * The gateway's HTTP client for subgraph calls: keep-alive connections and a hard timeout,
 * so one hung subgraph costs its part of the answer, not the caller's whole request.
 */
export function createSubgraphFetcher(options: { timeoutMs: number; connections: number }): Fetcher & { close(): Promise<void> } {
  const dispatcher = new Agent({ connections: options.connections, keepAliveTimeout: 30_000, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const fetcher = ((url: string, init?: Parameters<Fetcher>[1]) =>
    undiciFetch(url, {
      method: init?.method,
      headers: init?.headers,
      body: init?.body,
      dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs),
    })) as unknown as Fetcher;
  return Object.assign(fetcher, { close: () => dispatcher.close() });
}
