import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
// The vocabulary alone: the auth index would load jose and GraphQL into processes that need neither.
import { ROLES, type Role } from '../auth/vocabulary.ts';
import { LEGACY_SYSTEMS, type LegacySystem } from './legacy-systems.ts';

/**
 * The only reader of process.env. Every setting has an env name, a default and a one-line
 * doc (the README's configuration table lists the same). Parsed once, every problem
 * reported together, and the result frozen.
 */

/**
 * `iss` of the built-in development issuer: a name rather than its URL, so a token minted by
 * `npm run token` is accepted whatever port the gateway was started on.
 */
const DEVELOPMENT_ISSUER = 'urn:citizen-graph:development-issuer';

/**
 * The simulated GOV.UK Notify service's development key (`name-serviceid-secret`, Notify's own
 * format): fixed, so the estate and every process that sends through it agree without sharing
 * a file. It opens nothing real; production refuses to start without NOTIFY_API_KEY.
 */
const DEVELOPMENT_NOTIFY_API_KEY = 'citizen_graph_development-5d0c7e1a-2b4f-4c8e-9a31-6f0b8d2e4c17-a8e3f1c6-0d5b-4e92-b7a4-3c9f2e6d1b05';
const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Notify's API key format: the key's name, the service id and the secret, joined by dashes. */
const NOTIFY_API_KEY_FORMAT = new RegExp(`^(.+)-(${UUID_PATTERN})-(${UUID_PATTERN})$`);

const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().positive();
const url = z.url();
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const envSchema = z.object({
  /** `production` turns on hardening: no introspection, masked errors, persisted operations for partners. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Folder for the development issuer's keys and the embedded PostgreSQL server (`<DATA_DIR>/postgres`). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Interface every server binds to; `0.0.0.0` in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Gateway port: the public API (and the health probes a load balancer uses). */
  PORT: port.default(4000),
  /** Operations port: `/metrics` for Prometheus, kept off the public API port. */
  OPS_PORT: port.default(9464),
  /** Whole-system workers (gateway and subgraphs in one process each) `npm start` runs on the gateway port; default: one per available core. */
  WORKERS: z.coerce.number().int().positive().max(256).optional(),
  /**
   * Listening sockets each of those workers opens on the gateway port (Linux, SO_REUSEPORT):
   * libuv accepts one connection per socket per turn of a worker's event loop, and a busy or
   * still-warming worker's turns are long, so a burst of new connections queued in the kernel
   * for seconds behind one socket (README, Capacity). Elsewhere the cluster's primary accepts for them.
   */
  GATEWAY_ACCEPTORS: z.coerce.number().int().positive().max(256).default(16),
  /**
   * V8's semi-space (half the young generation) for each process `npm start` forks, in MiB.
   * Node's default here is 32: at 16 the system held 15% less memory at its sustainable rates,
   * for the same rates and a somewhat longer tail (bench/results, README). 0 leaves V8's default.
   */
  WORKER_SEMI_SPACE_MB: z.coerce.number().int().min(0).max(256).default(16),
  /**
   * V8's heap growing factor for each process `npm start` forks, as a percentage over what the
   * last full collection left: the old space is collected again once it has grown that much.
   * V8's own factor (0 keeps it) let a worker grow to three times its ~80 MiB of live objects;
   * at 50 the system held 30% less memory under the mix for the same CPU per request (README).
   */
  WORKER_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1_000).default(50),
  /** On SIGTERM/SIGINT, how long in-flight requests may take to finish before their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: ms.default(8_000),
  /** Subgraph ports when the whole system runs in one process (`npm start`). */
  IDENTITY_PORT: port.default(4001),
  AWARDS_PORT: port.default(4002),
  ADDRESS_PORT: port.default(4003),
  BANK_PORT: port.default(4004),
  RELATIONSHIPS_PORT: port.default(4005),
  CHANGES_PORT: port.default(4006),
  AUDIT_PORT: port.default(4007),
  /**
   * Subgraph URLs the gateway calls over HTTP; default to the ports above on HOST. A subgraph
   * running in the gateway's own process with no URL set is called in process instead.
   */
  IDENTITY_URL: url.optional(),
  AWARDS_URL: url.optional(),
  ADDRESS_URL: url.optional(),
  BANK_URL: url.optional(),
  RELATIONSHIPS_URL: url.optional(),
  CHANGES_URL: url.optional(),
  AUDIT_URL: url.optional(),
  /** Longest any one gateway-to-subgraph call may take, whatever the request's deadline. */
  SUBGRAPH_TIMEOUT_MS: ms.default(10_000),
  /** The whole request's time budget: the gateway sends each subgraph what is left of it (`x-deadline-ms`); a subgraph sent none, or nonsense, uses this, and never more. */
  REQUEST_DEADLINE_MS: ms.default(2_000),
  /** Kept back from a subgraph's remaining budget so it can still answer: its legacy calls end this long before the deadline. */
  DEADLINE_MARGIN_MS: z.coerce.number().int().nonnegative().default(100),
  /** How long past the deadline the gateway still waits for a subgraph's (partial) answer before dropping that part. */
  SUBGRAPH_DEADLINE_GRACE_MS: ms.default(500),
  /** Kept back from a fetch's share of the deadline for each level of the query plan that waits for its answer, so a system hanging early in the plan leaves the later levels time to answer. */
  DEADLINE_RESERVE_PER_LEVEL_MS: z.coerce.number().int().nonnegative().default(400),
  /** Keep-alive connections from the gateway to each subgraph. */
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().default(64),
  /** Most distinct citizens one request may name in its arguments (a caseload), counted before planning. */
  MAX_CITIZENS_PER_REQUEST: z.coerce.number().int().positive().default(100),
  /** Most distinct citizens one request may reach at run time, households and relationships included. */
  CITIZEN_BUDGET_PER_REQUEST: z.coerce.number().int().positive().default(300),
  /** Verified caller tokens the gateway remembers (by hash) until they expire; 0 verifies every request afresh. */
  CALLER_TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
  /** Base URL of the legacy estate; each system defaults to `<ESTATE_URL>/<system>`. */
  ESTATE_URL: url.default('http://127.0.0.1:4100'),
  ESTATE_PORT: port.default(4100),
  LEGACY_CIS_URL: url.optional(),
  LEGACY_UC_URL: url.optional(),
  LEGACY_PSCS_URL: url.optional(),
  LEGACY_DISABILITY_URL: url.optional(),
  LEGACY_PAYMENTS_URL: url.optional(),
  LEGACY_POSTCODES_URL: url.optional(),
  LEGACY_JSAPS_URL: url.optional(),
  /** GOV.UK Notify's API base URL (`https://api.notifications.service.gov.uk` in production); default `<ESTATE_URL>/notify`, the simulated service. */
  NOTIFY_URL: url.optional(),
  /** GOV.UK Notify API key, `<key name>-<service id>-<secret>`; a fixed key of the simulated service when absent (not allowed in production). */
  NOTIFY_API_KEY: z.string().regex(NOTIFY_API_KEY_FORMAT, 'must be a GOV.UK Notify API key: <key name>-<service id>-<secret>').optional(),
  /** undici timeouts for every legacy call. */
  LEGACY_CONNECT_TIMEOUT_MS: ms.default(1_000),
  LEGACY_HEADERS_TIMEOUT_MS: ms.default(3_000),
  LEGACY_BODY_TIMEOUT_MS: ms.default(3_000),
  /** A legacy system's breaker opens when more than this fraction (0-1, exclusive) of its calls in the window fail... */
  LEGACY_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).lt(1).default(0.75),
  /**
   * ...of its last this many calls (a window of calls, not of time: a hung system's calls fail
   * only at their deadline, and a window of time would keep counting the successes before the
   * hang long after it began)...
   */
  LEGACY_BREAKER_WINDOW_CALLS: z.coerce.number().int().positive().default(100),
  /** ...once the window holds at least this many calls, so a handful of failures at a quiet time opens nothing. */
  LEGACY_BREAKER_MIN_CALLS: z.coerce.number().int().positive().default(20),
  /** How long an open breaker fails fast before letting a single probe call through. */
  LEGACY_BREAKER_HALF_OPEN_AFTER_MS: ms.default(5_000),
  /** A call the request's deadline cut after running this long counts against its system's breaker; cut sooner, it says nothing about the system. */
  LEGACY_SLOW_CALL_MS: ms.default(1_000),
  /** Keep-alive connections per legacy system from one process, shared by its subgraphs. */
  LEGACY_CONNECTIONS: z.coerce.number().int().positive().default(64),
  /** Concurrent calls per request to a one-NINO-per-call system. */
  LEGACY_SINGLE_LOOKUP_CONCURRENCY: z.coerce.number().int().positive().default(8),
  /** Synthetic population served by the embedded estate. */
  POPULATION_SEED: z.coerce.number().int().default(20261125),
  POPULATION_SIZE: z.coerce.number().int().positive().max(1_000_000).default(10_000),
  /** Where the estate's systems keep the journals of what was written to them, so writes survive a restart; `<DATA_DIR>/estate` when absent. */
  ESTATE_DATA_DIR: z.string().min(1).optional(),
  /** The whole budget of one write to a legacy system, history read included (it is never retried by the writer). */
  LEGACY_WRITE_DEADLINE_MS: ms.default(10_000),
  /** JSON fault settings per estate system, e.g. `{"pscs":{"latencyMs":200,"errorRate":0.1}}`. */
  ESTATE_FAULTS: z.string().default('{}'),
  /** Token issuer and audience callers' JWTs must carry; the development issuer's name when absent (not allowed in production). */
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).default('citizen-graph'),
  /** JWKS of a real issuer; when absent the built-in development issuer is used (not allowed in production). */
  AUTH_JWKS_URL: url.optional(),
  /** Secret the gateway signs its short-lived subgraph tokens with (32+ chars); generated under DATA_DIR in development. */
  INTERNAL_TOKEN_SECRET: z.string().min(32).optional(),
  /** The PostgreSQL server the system uses (production); when absent, an embedded server under DATA_DIR, shared by every process of the system. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs the audit's checkpoints; generated under DATA_DIR in development, required in production. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where the writer publishes the matching public key (SPKI PEM) and where `audit:verify` reads it; `<DATA_DIR>/audit-signing/public-key.pem` when absent. */
  AUDIT_VERIFY_KEY_FILE: z.string().min(1).optional(),
  /** The public key itself (PEM, or its base64 body on one line), for a verifier on another machine; wins over AUDIT_VERIFY_KEY_FILE. */
  AUDIT_VERIFY_KEY: z.string().min(1).optional(),
  /** Append-only JSON-lines file of signed checkpoints, outside the database; `<DATA_DIR>/audit-checkpoints.jsonl` when absent. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** A writer signs a checkpoint once this many of its entries are not yet covered by one (or after AUDIT_CHECKPOINT_INTERVAL_MS). */
  AUDIT_CHECKPOINT_EVERY_ENTRIES: z.coerce.number().int().positive().default(100),
  /** Longest an entry waits for a checkpoint when fewer than AUDIT_CHECKPOINT_EVERY_ENTRIES follow it; also the retry delay after a failed checkpoint. */
  AUDIT_CHECKPOINT_INTERVAL_MS: ms.default(5_000),
  /** Fail closed: while checkpoints fail, records are refused (AUDIT_UNAVAILABLE) once this many entries are uncovered. */
  AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES: z.coerce.number().int().positive().default(10_000),
  /**
   * An audit write waits this long for other requests' entries, so that under load one statement
   * carries several (each request still answers only once its entry is committed); it waits only
   * while entries arrive faster than one per two windows, so a lone request is written at once.
   * 0 writes each at once.
   */
  AUDIT_GROUP_COMMIT_MS: z.coerce.number().int().min(0).max(1_000).default(10),
  /**
   * Most GraphQL requests one gateway process holds at once, executing or waiting to; beyond it
   * a request is shed with 503 before its body is read. Requests waiting on a hung legacy
   * system hold places too, so it is set well above what the CPU serves at once.
   */
  MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().positive().default(256),
  /**
   * Most requests one gateway process executes at once; fewer while its CPU is busy, the rest
   * wait their turn. While its event loop idles with requests waiting (their places held by
   * requests waiting on a hung system), more, up to MAX_REQUESTS_IN_FLIGHT.
   */
  MAX_REQUESTS_EXECUTING: z.coerce.number().int().positive().default(64),
  /**
   * A request still executing after this long is taken to be waiting on a slow legacy system,
   * not computing, and stops counting towards MAX_REQUESTS_EXECUTING (it still counts towards
   * MAX_REQUESTS_IN_FLIGHT): a hung system then costs its own part of the answers, not places
   * for requests that never touch it. Keep it above an admitted answer's time past capacity.
   */
  OVERLOAD_LONG_REQUEST_MS: ms.default(1_000),
  /**
   * While the process is CPU-bound, fewer requests execute and the rest wait their turn for at
   * most this long, then are shed with 503: an admitted answer stays prompt past capacity.
   */
  OVERLOAD_MAX_WAIT_MS: ms.default(250),
  /** A window in which the event loop was at least this busy (0-1) counts as CPU-bound. */
  OVERLOAD_BUSY_UTILISATION: z.coerce.number().gt(0).max(1).default(0.9),
  /** How often the event loop's utilisation is read and the number executing adjusted. */
  OVERLOAD_WINDOW_MS: ms.default(100),
  /** `Retry-After` sent with a shed (503) request, in seconds. */
  OVERLOAD_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(1),
  /** Length of one rate-limit window; each role's budgets below are requests per window. */
  RATE_LIMIT_WINDOW_MS: ms.default(60_000),
  /** JSON per role, merged over the defaults, e.g. `{"partner":{"perSubject":600,"perOrganisation":1200}}`. */
  RATE_LIMITS: z.string().default('{}'),
  /** `memory` (each gateway process counts alone) or `postgres` (every instance shares one count in DATABASE_URL). */
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).default('memory'),
  /** PostgreSQL connections each gateway process keeps for the shared rate-limit count. */
  RATE_LIMIT_DATABASE_CONNECTIONS: z.coerce.number().int().positive().default(4),
  /** Longest a rate-limit count may take in PostgreSQL before this process counts alone for that request. */
  RATE_LIMIT_DATABASE_TIMEOUT_MS: ms.default(500),
  /** Loopback port for the embedded PostgreSQL server when this process starts it; 0 picks a free one. */
  EMBEDDED_POSTGRES_PORT: port.default(0),
  /** How long to wait for the embedded PostgreSQL server to start (initdb on first use), answer, or stop. */
  EMBEDDED_POSTGRES_TIMEOUT_MS: ms.default(60_000),
  /** How long an idempotency key is kept (repeats answered with the first answer), in hours; at least the 24 promised. */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(24).default(48),
  /** JSON per delivery system: deliveries one delivery process makes to it at once, e.g. `{"pscs":1}`; others DELIVERY_CONCURRENCY_DEFAULT. */
  DELIVERY_CONCURRENCY: z.string().default('{}'),
  /** Deliveries one delivery process makes at once to each system DELIVERY_CONCURRENCY does not name. */
  DELIVERY_CONCURRENCY_DEFAULT: z.coerce.number().int().positive().default(4),
  /** A delivery job active this long (its worker died) is taken back and retried; must exceed LEGACY_WRITE_DEADLINE_MS. */
  DELIVERY_EXPIRE_SECONDS: z.coerce.number().int().positive().default(60),
  /** First retry delay of a failed delivery, doubled (with jitter) on each further failure... */
  DELIVERY_RETRY_DELAY_SECONDS: z.coerce.number().int().positive().default(5),
  /** ...up to this delay between attempts... */
  DELIVERY_RETRY_DELAY_MAX_SECONDS: z.coerce.number().int().positive().default(600),
  /** ...for at most this many retries (10,000 at 10 minutes is about ten weeks), after which the delivery stays FAILED for an operator. */
  DELIVERY_RETRY_LIMIT: z.coerce.number().int().positive().default(10_000),
  /** How often the queue looks for jobs whose worker died (expired) and runs its upkeep. */
  QUEUE_MONITOR_INTERVAL_SECONDS: z.coerce.number().int().positive().default(30),
  /** How often an idle delivery worker asks the queue for work (at least 0.5). */
  QUEUE_POLLING_INTERVAL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** Serve the GraphQL explorer at `/explorer` (`true`/`false`); default: on in development, off in production. */
  EXPLORER_ENABLED: flag.optional(),
  /** Serve the API catalogue at `/catalogue` and `/catalogue.json` (`true`/`false`); default: on in development, off in production. */
  CATALOGUE_ENABLED: flag.optional(),
  /**
   * OTLP/HTTP collector base URL (e.g. `http://127.0.0.1:4318`); spans go to `<url>/v1/traces`.
   * Tracing is on only when set: unset, no span is made and no trace context is read or sent.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  /** `service.name` every span's resource carries. */
  OTEL_SERVICE_NAME: z.string().min(1).default('citizen-graph'),
  /** Fraction (0-1) of new traces recorded; a trace a caller started keeps the caller's decision. */
  TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Replacement Vocalink weight table (valacdos JSON); the bundled table when absent. */
  MODULUS_WEIGHTS_PATH: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export const SUBGRAPH_NAMES = ['identity', 'awards', 'address', 'bank', 'relationships', 'changes', 'audit'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export { LEGACY_SYSTEMS, LEGACY_SYSTEM_TITLES, type LegacySystem } from './legacy-systems.ts';

export interface LegacyBreakerConfig {
  /** Fraction of failed calls in the window above which the breaker opens. */
  readonly failureRate: number;
  /** The window: this many of the system's latest calls. */
  readonly windowCalls: number;
  /** Calls the window must hold before its failure rate can open the breaker. */
  readonly minCalls: number;
  readonly halfOpenAfterMs: number;
}

export interface LegacySystemConfig {
  readonly name: LegacySystem;
  readonly baseUrl: string;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly connections: number;
  /** Legacy calls end this long before the request's deadline. */
  readonly deadlineMarginMs: number;
  /** A call cut by the deadline after this long counts as the system failing. */
  readonly slowCallMs: number;
  readonly breaker: LegacyBreakerConfig;
}

/**
 * Requests one caller may make per rate-limit window. `perSubject` counts one token subject;
 * `perOrganisation`, when set, counts every subject of the role in one organisation together, so
 * a partner cannot multiply its budget by minting more tokens.
 */
export interface RoleRateLimit {
  readonly perSubject: number;
  readonly perOrganisation?: number;
}

/**
 * Generous per-minute budgets: a caseworker or analyst at 10 requests/s is far past what a person
 * clicks (a caseload of 100 citizens is one request); a partner system at 100/s per token and
 * 300/s per organisation (the department's whole average rate). Staff and citizens share one
 * organisation each (DWP, CITIZEN), so for them only the subject is counted.
 */
const DEFAULT_RATE_LIMITS: Readonly<Record<Role, RoleRateLimit>> = {
  agent: { perSubject: 600 },
  analyst: { perSubject: 600 },
  auditor: { perSubject: 300 },
  citizen: { perSubject: 60 },
  partner: { perSubject: 6_000, perOrganisation: 18_000 },
};

const budget = z.number().int().positive();
const rateLimitsSchema = z.partialRecord(z.enum(ROLES), z.strictObject({ perSubject: budget.optional(), perOrganisation: budget.optional() }));

export interface RateLimitConfig {
  readonly store: Env['RATE_LIMIT_STORE'];
  readonly windowMs: number;
  readonly perRole: Readonly<Record<Role, RoleRateLimit>>;
  readonly databaseConnections: number;
  readonly databaseTimeoutMs: number;
}

export interface Config {
  readonly production: boolean;
  readonly dataDir: string;
  readonly host: string;
  readonly gateway: {
    readonly port: number;
    readonly subgraphTimeoutMs: number;
    readonly subgraphDeadlineGraceMs: number;
    readonly deadlineReservePerLevelMs: number;
    readonly subgraphConnections: number;
    readonly callerTokenCacheSize: number;
    readonly maxCitizensPerRequest: number;
  };
  /** Distinct citizens one request may reach, enforced by every subgraph. */
  readonly citizenBudgetPerRequest: number;
  /** The whole request's time budget, and the most a subgraph accepts from the gateway's `x-deadline-ms`. */
  readonly requestDeadlineMs: number;
  /** `urlConfigured`: the URL was set explicitly, so the gateway calls it over HTTP even when the subgraph runs beside it. */
  readonly subgraphs: Readonly<Record<SubgraphName, { readonly port: number; readonly url: string; readonly urlConfigured: boolean }>>;
  /** How `npm start` runs: workers sharing the gateway port, the operations port, the shutdown drain bound. */
  readonly process: { readonly workers: number; readonly gatewayAcceptors: number; readonly semiSpaceMb: number; readonly heapGrowingPercent: number; readonly opsPort: number; readonly shutdownTimeoutMs: number };
  readonly estate: { readonly port: number; readonly seed: number; readonly size: number; readonly faults: Readonly<Record<string, unknown>>; readonly dataDir: string };
  /** `writeDeadlineMs`: the budget of one delivery of a change to one system. */
  readonly legacy: Readonly<Record<LegacySystem, LegacySystemConfig>> & { readonly singleLookupConcurrency: number; readonly writeDeadlineMs: number };
  /** The GOV.UK Notify API key, split as Notify's clients split it: tokens are signed with `secret` and carry `serviceId` as `iss`. */
  readonly notify: { readonly serviceId: string; readonly secret: string };
  readonly auth: { readonly issuer: string; readonly audience: string; readonly jwksUrl?: string; readonly internalTokenSecret?: string };
  readonly database: { readonly url?: string; readonly embeddedPort: number; readonly embeddedTimeoutMs: number };
  readonly overload: { readonly maxRequestsInFlight: number; readonly maxExecuting: number; readonly longRequestMs: number; readonly maxWaitMs: number; readonly busyUtilisation: number; readonly windowMs: number; readonly retryAfterSeconds: number; readonly rateLimit: RateLimitConfig };
  readonly audit: {
    readonly groupCommitMs: number;
    readonly checkpoints: {
      readonly file: string;
      readonly signingKeyFile: string;
      /** Development only: make the signing key when its file does not exist yet. Production never invents a key. */
      readonly createSigningKey: boolean;
      readonly verifyKeyFile: string;
      readonly verifyKey?: string;
      readonly everyEntries: number;
      readonly intervalMs: number;
      readonly maxUncoveredEntries: number;
    };
  };
  /** Changes of circumstances: idempotency and the durable delivery queue. */
  readonly changes: ChangesConfig;
  /** The pages the gateway serves beside the API; the agent workspace is always served, being only a client of it. */
  readonly web: {
    readonly explorer: boolean;
    readonly catalogue: boolean;
    /** Development only: the pages may mint tokens from the development issuer (never with a real issuer, never in production). */
    readonly devSignIn: boolean;
  };
  /** OpenTelemetry: off unless an OTLP endpoint is configured. */
  readonly tracing: { readonly otlpEndpoint?: string; readonly serviceName: string; readonly sampleRatio: number };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly modulusWeightsPath?: string;
}

export interface ChangesConfig {
  readonly idempotencyRetentionHours: number;
  readonly delivery: {
    /** Concurrent deliveries per system, per delivery process. */
    readonly concurrency: Readonly<Record<LegacySystem, number>>;
    readonly expireSeconds: number;
    readonly retryDelaySeconds: number;
    readonly retryDelayMaxSeconds: number;
    readonly retryLimit: number;
  };
  readonly queue: { readonly monitorIntervalSeconds: number; readonly pollingIntervalSeconds: number };
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads, validates and freezes the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`X=`, or compose's `${X:-}`) means "not set", not "set to nothing".
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const faults = parseFaults(e.ESTATE_FAULTS, problems);
  const rateLimits = parseRateLimits(e.RATE_LIMITS, problems);
  const deliveryConcurrency = parseDeliveryConcurrency(e.DELIVERY_CONCURRENCY, e.DELIVERY_CONCURRENCY_DEFAULT, problems);
  if (e.DELIVERY_EXPIRE_SECONDS * 1000 <= e.LEGACY_WRITE_DEADLINE_MS) {
    problems.push('DELIVERY_EXPIRE_SECONDS: must exceed LEGACY_WRITE_DEADLINE_MS, or a delivery still running would be taken back and made twice at once');
  }
  if (e.DELIVERY_RETRY_DELAY_MAX_SECONDS < e.DELIVERY_RETRY_DELAY_SECONDS) problems.push('DELIVERY_RETRY_DELAY_MAX_SECONDS: must be at least DELIVERY_RETRY_DELAY_SECONDS');
  const production = e.NODE_ENV === 'production';
  if (production && !e.AUTH_JWKS_URL) problems.push('AUTH_JWKS_URL: required in production (the development issuer is for local use only)');
  if (production && !e.AUTH_ISSUER) problems.push('AUTH_ISSUER: required in production');
  if (production && !e.INTERNAL_TOKEN_SECRET) problems.push('INTERNAL_TOKEN_SECRET: required in production');
  if (production && !e.NOTIFY_API_KEY) problems.push('NOTIFY_API_KEY: required in production (the development key is the simulated service\'s)');
  if (production && !e.AUDIT_SIGNING_KEY_FILE) problems.push('AUDIT_SIGNING_KEY_FILE: required in production (the audit checkpoints\' signing key)');
  if (e.AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES < e.AUDIT_CHECKPOINT_EVERY_ENTRIES) {
    problems.push('AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES: must be at least AUDIT_CHECKPOINT_EVERY_ENTRIES');
  }
  if (problems.length) throw new ConfigError(problems);

  const subgraph = (explicit: string | undefined, p: number) => ({
    port: p,
    url: explicit ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${p}/graphql`,
    urlConfigured: explicit !== undefined,
  });
  const legacy = (name: LegacySystem, explicit: string | undefined): LegacySystemConfig => ({
    name,
    baseUrl: (explicit ?? `${e.ESTATE_URL.replace(/\/$/, '')}/${name}`).replace(/\/$/, ''),
    connectTimeoutMs: e.LEGACY_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: e.LEGACY_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: e.LEGACY_BODY_TIMEOUT_MS,
    connections: e.LEGACY_CONNECTIONS,
    deadlineMarginMs: e.DEADLINE_MARGIN_MS,
    slowCallMs: e.LEGACY_SLOW_CALL_MS,
    breaker: {
      failureRate: e.LEGACY_BREAKER_FAILURE_RATE,
      windowCalls: e.LEGACY_BREAKER_WINDOW_CALLS,
      minCalls: e.LEGACY_BREAKER_MIN_CALLS,
      halfOpenAfterMs: e.LEGACY_BREAKER_HALF_OPEN_AFTER_MS,
    },
  });

  return deepFreeze({
    production,
    dataDir: e.DATA_DIR,
    host: e.HOST,
    gateway: {
      port: e.PORT,
      subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
      subgraphDeadlineGraceMs: e.SUBGRAPH_DEADLINE_GRACE_MS,
      deadlineReservePerLevelMs: e.DEADLINE_RESERVE_PER_LEVEL_MS,
      subgraphConnections: e.SUBGRAPH_CONNECTIONS,
      callerTokenCacheSize: e.CALLER_TOKEN_CACHE_SIZE,
      maxCitizensPerRequest: e.MAX_CITIZENS_PER_REQUEST,
    },
    citizenBudgetPerRequest: e.CITIZEN_BUDGET_PER_REQUEST,
    requestDeadlineMs: e.REQUEST_DEADLINE_MS,
    subgraphs: {
      identity: subgraph(e.IDENTITY_URL, e.IDENTITY_PORT),
      awards: subgraph(e.AWARDS_URL, e.AWARDS_PORT),
      address: subgraph(e.ADDRESS_URL, e.ADDRESS_PORT),
      bank: subgraph(e.BANK_URL, e.BANK_PORT),
      relationships: subgraph(e.RELATIONSHIPS_URL, e.RELATIONSHIPS_PORT),
      changes: subgraph(e.CHANGES_URL, e.CHANGES_PORT),
      audit: subgraph(e.AUDIT_URL, e.AUDIT_PORT),
    },
    process: { workers: e.WORKERS ?? availableParallelism(), gatewayAcceptors: e.GATEWAY_ACCEPTORS, semiSpaceMb: e.WORKER_SEMI_SPACE_MB, heapGrowingPercent: e.WORKER_HEAP_GROWING_PERCENT, opsPort: e.OPS_PORT, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    estate: { port: e.ESTATE_PORT, seed: e.POPULATION_SEED, size: e.POPULATION_SIZE, faults, dataDir: e.ESTATE_DATA_DIR ?? join(e.DATA_DIR, 'estate') },
    legacy: {
      cis: legacy('cis', e.LEGACY_CIS_URL),
      uc: legacy('uc', e.LEGACY_UC_URL),
      pscs: legacy('pscs', e.LEGACY_PSCS_URL),
      disability: legacy('disability', e.LEGACY_DISABILITY_URL),
      payments: legacy('payments', e.LEGACY_PAYMENTS_URL),
      postcodes: legacy('postcodes', e.LEGACY_POSTCODES_URL),
      jsaps: legacy('jsaps', e.LEGACY_JSAPS_URL),
      notify: legacy('notify', e.NOTIFY_URL),
      singleLookupConcurrency: e.LEGACY_SINGLE_LOOKUP_CONCURRENCY,
      writeDeadlineMs: e.LEGACY_WRITE_DEADLINE_MS,
    },
    notify: notifyKey(e.NOTIFY_API_KEY ?? DEVELOPMENT_NOTIFY_API_KEY),
    auth: {
      issuer: e.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
      audience: e.AUTH_AUDIENCE,
      ...(e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : {}),
      ...(e.INTERNAL_TOKEN_SECRET ? { internalTokenSecret: e.INTERNAL_TOKEN_SECRET } : {}),
    },
    database: {
      ...(e.DATABASE_URL ? { url: e.DATABASE_URL } : {}),
      embeddedPort: e.EMBEDDED_POSTGRES_PORT,
      embeddedTimeoutMs: e.EMBEDDED_POSTGRES_TIMEOUT_MS,
    },
    overload: {
      maxRequestsInFlight: e.MAX_REQUESTS_IN_FLIGHT,
      maxExecuting: e.MAX_REQUESTS_EXECUTING,
      longRequestMs: e.OVERLOAD_LONG_REQUEST_MS,
      maxWaitMs: e.OVERLOAD_MAX_WAIT_MS,
      busyUtilisation: e.OVERLOAD_BUSY_UTILISATION,
      windowMs: e.OVERLOAD_WINDOW_MS,
      retryAfterSeconds: e.OVERLOAD_RETRY_AFTER_SECONDS,
      rateLimit: {
        store: e.RATE_LIMIT_STORE,
        windowMs: e.RATE_LIMIT_WINDOW_MS,
        perRole: rateLimits,
        databaseConnections: e.RATE_LIMIT_DATABASE_CONNECTIONS,
        databaseTimeoutMs: e.RATE_LIMIT_DATABASE_TIMEOUT_MS,
      },
    },
    audit: {
      groupCommitMs: e.AUDIT_GROUP_COMMIT_MS,
      checkpoints: {
        file: e.AUDIT_CHECKPOINT_FILE ?? join(e.DATA_DIR, 'audit-checkpoints.jsonl'),
        signingKeyFile: e.AUDIT_SIGNING_KEY_FILE ?? join(e.DATA_DIR, 'audit-signing', 'private-key.pem'),
        createSigningKey: !production,
        verifyKeyFile: e.AUDIT_VERIFY_KEY_FILE ?? join(e.DATA_DIR, 'audit-signing', 'public-key.pem'),
        ...(e.AUDIT_VERIFY_KEY ? { verifyKey: e.AUDIT_VERIFY_KEY } : {}),
        everyEntries: e.AUDIT_CHECKPOINT_EVERY_ENTRIES,
        intervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
        maxUncoveredEntries: e.AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES,
      },
    },
    changes: {
      idempotencyRetentionHours: e.IDEMPOTENCY_RETENTION_HOURS,
      delivery: {
        concurrency: deliveryConcurrency,
        expireSeconds: e.DELIVERY_EXPIRE_SECONDS,
        retryDelaySeconds: e.DELIVERY_RETRY_DELAY_SECONDS,
        retryDelayMaxSeconds: e.DELIVERY_RETRY_DELAY_MAX_SECONDS,
        retryLimit: e.DELIVERY_RETRY_LIMIT,
      },
      queue: { monitorIntervalSeconds: e.QUEUE_MONITOR_INTERVAL_SECONDS, pollingIntervalSeconds: e.QUEUE_POLLING_INTERVAL_SECONDS },
    },
    web: {
      explorer: e.EXPLORER_ENABLED ?? !production,
      catalogue: e.CATALOGUE_ENABLED ?? !production,
      devSignIn: !production && !e.AUTH_JWKS_URL,
    },
    tracing: {
      ...(e.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      serviceName: e.OTEL_SERVICE_NAME,
      sampleRatio: e.TRACE_SAMPLE_RATIO,
    },
    logLevel: e.LOG_LEVEL,
    ...(e.MODULUS_WEIGHTS_PATH ? { modulusWeightsPath: e.MODULUS_WEIGHTS_PATH } : {}),
  });
}

function notifyKey(apiKey: string): Config['notify'] {
  const [, , serviceId = '', secret = ''] = NOTIFY_API_KEY_FORMAT.exec(apiKey) ?? [];
  return { serviceId, secret };
}

function parseFaults(raw: string, problems: string[]): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push('ESTATE_FAULTS: must be a JSON object keyed by system id');
  return {};
}

/** A setting written as JSON: checked against `schema`; each problem is reported under `name`, and the setting counts as empty. */
function parseJsonSetting<S extends z.ZodType<object>>(name: string, raw: string, schema: S, example: string, problems: string[]): Partial<z.infer<S>> {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
    problems.push(`${name}: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  } catch {
    problems.push(`${name}: must be JSON, e.g. ${example}`);
  }
  return {};
}

function parseRateLimits(raw: string, problems: string[]): Record<Role, RoleRateLimit> {
  const parsed = parseJsonSetting('RATE_LIMITS', raw, rateLimitsSchema, '{"partner":{"perSubject":600}}', problems);
  const limits = Object.fromEntries(ROLES.map((role) => [role, { ...DEFAULT_RATE_LIMITS[role], ...parsed[role] }])) as Record<Role, RoleRateLimit>;
  for (const role of ROLES) {
    const { perSubject, perOrganisation } = limits[role];
    if (perOrganisation !== undefined && perOrganisation < perSubject) problems.push(`RATE_LIMITS: ${role}.perOrganisation is below its perSubject`);
  }
  return limits;
}

const concurrencySchema = z.partialRecord(z.enum(LEGACY_SYSTEMS), z.number().int().positive());

function parseDeliveryConcurrency(raw: string, fallback: number, problems: string[]): Record<LegacySystem, number> {
  const parsed = parseJsonSetting('DELIVERY_CONCURRENCY', raw, concurrencySchema, '{"pscs":1}', problems);
  return Object.fromEntries(LEGACY_SYSTEMS.map((system) => [system, parsed[system] ?? fallback])) as Record<LegacySystem, number>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
