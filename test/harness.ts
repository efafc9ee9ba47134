import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { SystemId } from '../legacy-estate/index.ts';
import { startSystem, type RunningSystem } from '../bin/start-system.ts';
import { createDevIssuer, type MintOptions } from '../platform/auth/index.ts';

export interface GraphQLResult {
  readonly status: number;
  readonly body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  };
  readonly text: string;
}

export interface TestSystem extends AsyncDisposable {
  readonly system: RunningSystem;
  readonly gatewayUrl: string;
  /** Runs a query as a caseworker with a declared purpose unless other headers are given. */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** Headers for a caller holding a development token minted with these options. */
  as(mint: MintOptions, purpose?: string): Promise<Record<string, string>>;
  post(url: string, body: string, headers?: Record<string, string>): Promise<GraphQLResult>;
  stats(): Promise<Record<SystemId, { requests: number; operations: Record<string, number> }>>;
  resetStats(): Promise<void>;
  setFaults(system: string, settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the whole system (estate, five subgraphs, gateway) on ephemeral loopback ports with
 * a private data folder, the way `npm start` does, for tests that go through the gateway.
 */
export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  const system = await startSystem({
    env: { HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'citizen-graph-')), ...env },
    ephemeralPorts: true,
    clientOptions: { breakerHalfOpenAfterMs: 50 },
  });
  const gatewayUrl = system.gateway!.url;
  const estateUrl = system.estate!.url;
  const { config } = system;
  const issuer = await createDevIssuer({ dataDir: config.dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
  const as = async (mint: MintOptions, purpose?: string) => ({
    authorization: `Bearer ${await issuer.mint(mint)}`,
    ...(purpose ? { 'x-purpose': purpose } : {}),
  });
  const caseworker = await as({ role: 'agent' }, 'CASE-0001');

  async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResult> {
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.body.text();
    let parsed: GraphQLResult['body'] = {};
    try {
      parsed = JSON.parse(text) as GraphQLResult['body'];
    } catch {
      // Non-JSON bodies are asserted on through `text`.
    }
    return { status: response.statusCode, body: parsed, text };
  }

  return {
    system,
    gatewayUrl,
    post,
    as,
    graphql: (query, variables = {}, headers = caseworker) => post(gatewayUrl, JSON.stringify({ query, variables }), headers),
    async stats() {
      const response = await request(`${estateUrl}/__stats`);
      return (await response.body.json()) as Awaited<ReturnType<TestSystem['stats']>>;
    },
    async resetStats() {
      const response = await request(`${estateUrl}/__stats/reset`, { method: 'POST' });
      await response.body.dump();
    },
    async setFaults(name, settings) {
      const response = await request(`${estateUrl}/__faults/${name}`, { method: 'PUT', body: JSON.stringify(settings), headers: { 'content-type': 'application/json' } });
      await response.body.dump();
    },
    close: () => system.close(),
    [Symbol.asyncDispose]: () => system.close(),
  };
}
