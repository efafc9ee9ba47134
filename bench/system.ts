import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScope, createDevIssuer, PARTNER_CHECKS, SCOPES } from '../platform/auth/index.ts';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config/index.ts';
import { DEFAULT_SEED, generatePopulation } from '../legacy-estate/index.ts';
import { openBenchDatabase, type BenchDatabase } from './database.ts';
import { openEmbeddedPostgres } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';
import { freePort } from '../platform/http/index.ts';
import { benchCitizen, type BenchCitizen, type Credentials } from './workloads.ts';

/**
 * The environment every component of a benchmarked system shares (the variables of
 * platform/config, as an operator would set them), the callers' tokens and the citizens
 * to ask about.
 */
export interface SystemPorts {
  readonly gateway: number;
  readonly estate: number;
  readonly subgraphs: Readonly<Record<SubgraphName, number>>;
}

async function allocatePorts(): Promise<SystemPorts> {
  const subgraphs = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<SubgraphName, number>;
  return { gateway: await freePort(), estate: await freePort(), subgraphs };
}

export interface SystemSettings {
  readonly ports: SystemPorts;
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly populationSize: number;
  /** `ESTATE_FAULTS`: e.g. the same latency on every legacy system. */
  readonly estateFaults: Readonly<Record<string, unknown>>;
  readonly internalTokenSecret: string;
}

/** The issuer our gateway is told to trust; the development issuer under DATA_DIR signs as it. */
export const BENCH_ISSUER = 'http://127.0.0.1/bench-issuer';
const AUDIENCE = 'citizen-graph';

function newInternalTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * `subgraphs`: `'own-processes'` gives each subgraph a port and tells every process its URL (the
 * comparison's topology); `'npm-start'` leaves them unset, as a user's `npm start` does, so its
 * workers call their subgraphs in process. Naming the URLs there would send every subgraph call
 * over HTTP through the cluster's shared port, often to the other worker.
 */
export function systemEnv(settings: SystemSettings, subgraphTopology: 'own-processes' | 'npm-start'): NodeJS.ProcessEnv {
  const host = '127.0.0.1';
  const subgraphs = subgraphTopology === 'npm-start' ? {} : Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => {
      const port = settings.ports.subgraphs[name];
      return [
        [`${name.toUpperCase()}_PORT`, String(port)],
        [`${name.toUpperCase()}_URL`, `http://${host}:${port}/graphql`],
      ];
    }),
  );
  return {
    ...process.env,
    NODE_ENV: 'development',
    HOST: host,
    LOG_LEVEL: 'warn',
    DATA_DIR: settings.dataDir,
    PORT: String(settings.ports.gateway),
    ESTATE_PORT: String(settings.ports.estate),
    // Every process of the run has an operations port of its own; the benchmark reads none of them.
    OPS_PORT: '0',
    ESTATE_URL: `http://${host}:${settings.ports.estate}`,
    ESTATE_FAULTS: JSON.stringify(settings.estateFaults),
    POPULATION_SEED: String(DEFAULT_SEED),
    POPULATION_SIZE: String(settings.populationSize),
    DATABASE_URL: settings.databaseUrl,
    INTERNAL_TOKEN_SECRET: settings.internalTokenSecret,
    AUTH_ISSUER: BENCH_ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    // A handful of callers send the whole load, far past any person's budget: the benchmark
    // measures throughput, so it lifts the per-caller limits (stated in the results).
    RATE_LIMITS: BENCH_RATE_LIMITS,
    ...subgraphs,
  };
}

/** Per-caller budgets the benchmark runs with: far above what its callers send in a window. */
export const BENCH_RATE_LIMITS = JSON.stringify({
  agent: { perSubject: 10_000_000 },
  partner: { perSubject: 10_000_000, perOrganisation: 10_000_000 },
});

/** Every legacy system answering after `latencyMs`. */
export function uniformLatency(latencyMs: number, systems: readonly string[]): Record<string, { latencyMs: number }> {
  return Object.fromEntries(systems.map((system) => [system, { latencyMs }]));
}

/**
 * Caseworkers (with `records:restricted`, so a protected record answers in full rather than
 * with a refusal) and partner bodies (every check), each a distinct subject, minted by the
 * development issuer whose key our gateway reads from the same DATA_DIR.
 */
async function mintCredentials(dataDir: string, options: { agents: number; partners: number; ttlSeconds: number }): Promise<Credentials> {
  const issuer = await createDevIssuer({ dataDir, issuer: BENCH_ISSUER, audience: AUDIENCE });
  const organisations = ['NHS', 'DVLA', 'HMRC', 'HOME-OFFICE', 'COUNCIL'];
  const agents = await Promise.all(
    Array.from({ length: options.agents }, (_, i) => issuer.mint({ role: 'agent', subject: `bench-agent-${i}`, scopes: [SCOPES.recordsRestricted], ttlSeconds: options.ttlSeconds })),
  );
  const partners = await Promise.all(
    Array.from({ length: options.partners }, (_, i) =>
      issuer.mint({ role: 'partner', subject: `bench-partner-${i}`, org: organisations[i % organisations.length]!, scopes: PARTNER_CHECKS.map(checkScope), ttlSeconds: options.ttlSeconds }),
    ),
  );
  return { agents, partners };
}

/**
 * The citizens the estate serves (same seed, size and date as the estate process: the
 * population is generated, not stored), in a fixed shuffled order so that neighbouring
 * requests never share a household.
 */
export function benchCitizens(populationSize: number): BenchCitizen[] {
  const people = [...generatePopulation({ seed: DEFAULT_SEED, size: populationSize, asOf: new Date().toISOString().slice(0, 10) })];
  const stride = coprimeStride(people.length);
  return people.map((_, i) => benchCitizen(people[(i * stride) % people.length]!));
}

function coprimeStride(length: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.floor(length * 0.618) | 1;
  while (gcd(stride, length) !== 1) stride += 2;
  return stride;
}

/** Everything a run prepares before it starts a process: its folder, database, environment, callers and citizens. */
export interface PreparedRun extends AsyncDisposable {
  /** Holds `logs/` (one file per process) and `data/` (the development issuer's key). */
  readonly workDir: string;
  readonly logDir: string;
  readonly database: BenchDatabase;
  readonly settings: SystemSettings;
  readonly credentials: Credentials;
  readonly citizens: readonly BenchCitizen[];
}

export async function prepareRun(options: {
  readonly name: string;
  /** A PostgreSQL server to run on; absent, an embedded one is started for the run, as `npm start` would. */
  readonly databaseUrl: string | undefined;
  readonly populationSize: number;
  readonly estateFaults: Readonly<Record<string, unknown>>;
  readonly callers: { readonly agents: number; readonly partners: number };
}): Promise<PreparedRun> {
  const workDir = mkdtempSync(join(tmpdir(), `citizen-graph-${options.name}-`));
  const logDir = join(workDir, 'logs');
  mkdirSync(logDir);
  // The run's own embedded server lives in its work folder, which the server's user can search (see platform/database).
  const embedded = options.databaseUrl
    ? undefined
    : await openEmbeddedPostgres({ dataDir: workDir, port: 0, timeoutMs: 120_000, logger: createLogger({ level: 'warn', name: 'bench-postgres' }) });
  const database = await openBenchDatabase(options.databaseUrl ?? embedded!.url);
  const settings: SystemSettings = {
    ports: await allocatePorts(),
    databaseUrl: database.url,
    dataDir: join(workDir, 'data'),
    populationSize: options.populationSize,
    estateFaults: options.estateFaults,
    internalTokenSecret: newInternalTokenSecret(),
  };
  // Valid for longer than any run, so no token expires in the middle of one.
  const credentials = await mintCredentials(settings.dataDir, { ...options.callers, ttlSeconds: 6 * 3600 });
  const close = async () => {
    await database.close();
    await embedded?.close();
    // The run's own server goes with the run (its cluster is tens to hundreds of megabytes); the logs stay.
    if (embedded) rmSync(join(workDir, 'postgres'), { recursive: true, force: true });
  };
  return { workDir, logDir, database, settings, credentials, citizens: benchCitizens(options.populationSize), [Symbol.asyncDispose]: close };
}
