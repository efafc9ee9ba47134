import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { request, type Dispatcher } from 'undici';
import type { SystemId } from '../legacy-estate/index.ts';
import { COMPONENTS, startSystem, type Component, type RunningSystem } from '../bin/start-system.ts';
import { createDevIssuer, type MintOptions } from '../platform/auth/index.ts';
import { createTestDatabase } from '../platform/database/test-databases.ts';
import { loadManifest } from '../gateway/persisted-operations.ts';
import type { Logger } from '../platform/logging/index.ts';
import type { Tracing } from '../platform/tracing/index.ts';

export interface GraphQLResult {
  readonly status: number;
  readonly body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  };
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  /** Default GET. */
  readonly method?: Dispatcher.HttpMethod;
  /** A stream is sent chunked, without a content-length. */
  readonly body?: string | Readable;
  readonly headers?: Record<string, string>;
}

export interface TestSystem extends AsyncDisposable {
  readonly system: RunningSystem;
  readonly gatewayUrl: string;
  /** Runs a query as a caseworker with a declared purpose unless other headers are given. */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** Headers for a caller holding a development token minted with these options. */
  as(mint: MintOptions, purpose?: string): Promise<Record<string, string>>;
  post(url: string, body: string, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** Any request to any URL, with no default headers: for malformed and hostile requests. */
  send(url: string, options?: SendOptions): Promise<GraphQLResult>;
  /** Runs an operation from the persisted-operation manifest by its name, sending only its id. */
  persisted(operationName: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResult>;
  /**
   * A token with exactly these claims and header, signed with the development issuer's key
   * (or with `key`), for proving which tokens the gateway refuses.
   */
  signToken(claims: JWTPayload, header?: { alg?: string; kid?: string }, key?: Parameters<SignJWT['sign']>[0]): Promise<string>;
  stats(): Promise<Record<SystemId, { requests: number; operations: Record<string, number> }>>;
  resetStats(): Promise<void>;
  setFaults(system: string, settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the whole system (estate, the subgraphs, gateway; the delivery worker only when `components` names it) on ephemeral loopback ports with
 * a private data folder, the way one `npm start` worker does (subgraphs called in process
 * unless `subgraphTransport: 'http'`), for tests that go through the gateway.
 * Its audit goes to a database of its own on the run's shared PostgreSQL, unless `env`
 * names a DATABASE_URL.
 */
export async function startTestSystem(
  env: Record<string, string> = {},
  options: { logger?: Logger; subgraphTransport?: 'in-process' | 'http'; clock?: () => Date; components?: readonly Component[]; tracing?: Tracing } = {},
): Promise<TestSystem> {
  const database = env.DATABASE_URL ? undefined : await createTestDatabase();
  // Its own data folder unless the test names one; removed when the system is closed.
  const dataDir = env.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'citizen-graph-'));
  const removeDataDir = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
  let system: RunningSystem;
  try {
    system = await startSystem({
      // A deadline no busy CI machine reaches, so only the tests about deadlines (which set their own) see one;
      // a thousand citizens (the showcase households among them) boot far faster than the default ten thousand;
      // a breaker that probes again soon, so recovery is quick to prove.
      env: { HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...(dataDir ? { DATA_DIR: dataDir } : {}), REQUEST_DEADLINE_MS: '30000', POPULATION_SIZE: '1000', LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '50', ...(database ? { DATABASE_URL: database.url } : {}), ...env },
      ephemeralPorts: true,
      ...(options.subgraphTransport ? { subgraphTransport: options.subgraphTransport } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // As an `npm start` worker: the delivery worker is a process of its own there, so only the tests of changes ask for it.
      components: options.components ?? COMPONENTS.filter((component) => component !== 'delivery'),
      ...(options.tracing ? { tracing: options.tracing } : {}),
    });
  } catch (error) {
    await database?.drop();
    removeDataDir();
    throw error;
  }
  const close = async () => {
    await system.close();
    await database?.drop();
    removeDataDir();
  };
  const gatewayUrl = system.gateway!.url;
  const estateUrl = system.estate!.url;
  const { config } = system;
  const issuer = await createDevIssuer({ dataDir: config.dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
  const as = async (mint: MintOptions, purpose?: string) => ({
    authorization: `Bearer ${await issuer.mint(mint)}`,
    ...(purpose ? { 'x-purpose': purpose } : {}),
  });
  const caseworker = await as({ role: 'agent' }, 'CASE-0001');

  async function send(url: string, options: SendOptions = {}): Promise<GraphQLResult> {
    const response = await request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, body: options.body ?? null });
    const text = await response.body.text();
    let parsed: GraphQLResult['body'] = {};
    try {
      parsed = JSON.parse(text) as GraphQLResult['body'];
    } catch {
      // Non-JSON bodies are asserted on through `text`.
    }
    return { status: response.statusCode, body: parsed, text, headers: response.headers };
  }
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    send(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  const manifest = [...loadManifest().values()];
  // The development issuer's private key, where its README says it lives.
  const devKey = JSON.parse(readFileSync(join(config.dataDir, 'dev-issuer', 'signing-key.jwk.json'), 'utf8')) as JWK;

  return {
    system,
    gatewayUrl,
    post,
    send,
    as,
    persisted(operationName, variables, headers) {
      const operation = manifest.find((candidate) => candidate.name === operationName);
      if (!operation) throw new Error(`no persisted operation named ${operationName}`);
      return post(gatewayUrl, JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }), headers);
    },
    async signToken(claims, header = {}, key) {
      const alg = header.alg ?? String(devKey.alg);
      return new SignJWT(claims).setProtectedHeader({ alg, kid: header.kid ?? String(devKey.kid) }).sign(key ?? (await importJWK(devKey, alg)));
    },
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
    close,
    [Symbol.asyncDispose]: close,
  };
}
