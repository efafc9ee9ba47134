import { parseArgs } from 'node:util';
import { SYSTEM_IDS } from '../legacy-estate/index.ts';
import type { WorkloadName } from './workloads.ts';

/**
 * The benchmark's settings, read once: command-line flags, and the environment only for the
 * database (BENCH_DATABASE_URL, else DATABASE_URL, else an embedded server of the run's own). `--quick` is a smoke run (a few minutes for
 * the comparison, about one for capacity) whose numbers prove only that everything works.
 */
export const GATEWAY_KINDS = ['ours', 'stock', 'hive'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

export interface CompareOptions {
  readonly quick: boolean;
  readonly gateways: readonly GatewayKind[];
  readonly workloads: readonly WorkloadName[];
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  readonly concurrency: number;
  readonly populationSize: number;
  readonly databaseUrl: string | undefined;
  readonly resultsDir: string;
}

export interface CapacityOptions {
  readonly quick: boolean;
  /** Each step of the search, and each scenario, lasts this long. */
  readonly stepSeconds: number;
  readonly warmupSeconds: number;
  /** Every legacy system answers after this long. */
  readonly legacyLatencyMs: number;
  /** Where the search for each workload starts (requests/s); it doubles until a step fails, then bisects. */
  readonly startRates: { readonly mix: number; readonly wholeCitizen: number };
  /** Bisection steps after the first failure. */
  readonly refineSteps: number;
  /** Each operation of the mix alone, at this rate (requests/s), for `operationSeconds`: what it costs in legacy calls and CPU. */
  readonly operationRate: number;
  readonly operationSeconds: number;
  readonly maxRate: number;
  /** Each is hung in turn under the sustainable mix: CIS (every request waits on it) and one system behind a single part. */
  readonly hangSystems: readonly string[];
  readonly populationSize: number;
  readonly databaseUrl: string | undefined;
  readonly resultsDir: string;
}

const RESULTS_DIR = new URL('./results/', import.meta.url).pathname;

/** A PostgreSQL server to run on (BENCH_DATABASE_URL, else DATABASE_URL); absent, the benchmark starts an embedded one of its own. */
function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || undefined;
}

const positive = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

function list<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (raw === undefined) return [...fallback];
  const values = raw.split(',').map((value) => value.trim());
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (unknown.length) throw new Error(`--${name}: unknown ${unknown.join(', ')} (choose from ${allowed.join(', ')})`);
  return values as T[];
}

export const COMPARE_WORKLOADS = ['wholeCitizen', 'trivial', 'mix'] as const satisfies readonly WorkloadName[];

export function compareOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CompareOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      gateways: { type: 'string' },
      workloads: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      population: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick;
  return {
    quick,
    gateways: list('gateways', values.gateways, GATEWAY_KINDS, GATEWAY_KINDS),
    workloads: list('workloads', values.workloads, COMPARE_WORKLOADS, COMPARE_WORKLOADS),
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    roundSeconds: positive('seconds', values.seconds, quick ? 3 : 10),
    warmupSeconds: positive('warmup', values.warmup, quick ? 2 : 5),
    concurrency: positive('concurrency', values.concurrency, quick ? 8 : 16),
    populationSize: positive('population', values.population, quick ? 2_000 : 10_000),
    databaseUrl: databaseUrl(env),
    resultsDir: RESULTS_DIR,
  };
}

export function capacityOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CapacityOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'latency-ms': { type: 'string' },
      'mix-start-rate': { type: 'string' },
      'whole-start-rate': { type: 'string' },
      'refine-steps': { type: 'string' },
      'operation-rate': { type: 'string' },
      'operation-seconds': { type: 'string' },
      'max-rate': { type: 'string' },
      'hang-systems': { type: 'string' },
      population: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick;
  const latency = values['latency-ms'] === undefined ? 20 : Number(values['latency-ms']);
  if (!Number.isFinite(latency) || latency < 0) throw new Error('--latency-ms must be 0 or more');
  return {
    quick,
    stepSeconds: positive('seconds', values.seconds, quick ? 4 : 60),
    warmupSeconds: positive('warmup', values.warmup, quick ? 2 : 10),
    legacyLatencyMs: latency,
    startRates: { mix: positive('mix-start-rate', values['mix-start-rate'], quick ? 40 : 100), wholeCitizen: positive('whole-start-rate', values['whole-start-rate'], quick ? 10 : 20) },
    refineSteps: positive('refine-steps', values['refine-steps'], quick ? 1 : 3),
    operationRate: positive('operation-rate', values['operation-rate'], quick ? 10 : 80),
    operationSeconds: positive('operation-seconds', values['operation-seconds'], quick ? 1 : 5),
    maxRate: positive('max-rate', values['max-rate'], 5_000),
    hangSystems: list('hang-systems', values['hang-systems'], SYSTEM_IDS, ['cis', 'pscs']),
    populationSize: positive('population', values.population, quick ? 2_000 : 10_000),
    databaseUrl: databaseUrl(env),
    resultsDir: RESULTS_DIR,
  };
}
