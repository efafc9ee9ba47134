import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RoundMeasurement } from './measure.ts';
import type { MachineInfo } from './proc.ts';
import { summarise, type LatencySummary } from './stats.ts';
import type { Outcome } from './workloads.ts';

/** What the results say about one gateway on one workload, all its rounds together. */
export interface Row {
  readonly gateway: string;
  readonly workload: string;
  readonly rounds: number;
  readonly requests: number;
  readonly ok: number;
  /** Everything not `ok`: errors, partial answers and shed requests. */
  readonly errors: number;
  /** The same answers by outcome, to tell a partial answer or a shed request from a failure. */
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly reasons: Readonly<Record<string, number>>;
  /** A message for each reason, when an answer gave one (in the JSON results, for diagnosis). */
  readonly examples: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Requests answered per CPU-second of the gateway process alone. */
  readonly requestsPerGatewayCpuSecond: number;
  /** CPU ms per request of each group, and `system`: every group but the estate and the load generator. */
  readonly cpuMsPerRequest: Readonly<Record<string, number>>;
  /** The most memory each group held at once in any round (its processes' Pss summed), MiB. */
  readonly peakPssMiB: Readonly<Record<string, number>>;
  readonly latencyMs: LatencySummary;
  readonly legacyCallsPerRequest: number;
  /** The same calls by legacy system (those that served any), per request. */
  readonly legacyCallsBySystem: Readonly<Record<string, number>>;
  /**
   * The whole machine while the rounds ran, when every round read it: how busy its cores were
   * (0-100), and the CPU per request spent outside every measured process (kernel threads, the
   * benchmark's own process, anything else on the host). Tells a step that failed for want of
   * CPU from one that failed with CPU to spare.
   */
  readonly machine?: { readonly busyPercent: number; readonly elsewhereCpuMsPerRequest: number };
}

/** Groups that are not the system under test: reported, never added to its CPU. */
export const OUTSIDE_THE_SYSTEM = new Set(['estate', 'load generator', 'PostgreSQL (shared)']);

export function aggregate(gateway: string, workload: string, rounds: readonly RoundMeasurement[]): Row {
  const sum = (pick: (round: RoundMeasurement) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const requests = sum((round) => Object.values(round.load.outcomes).reduce((a, b) => a + b, 0));
  const outcomes = { ok: 0, partial: 0, shed: 0, error: 0 };
  for (const round of rounds) for (const outcome of Object.keys(outcomes) as Outcome[]) outcomes[outcome] += round.load.outcomes[outcome];
  const ok = outcomes.ok;
  const seconds = sum((round) => round.load.elapsedSeconds);
  const groups = [...new Set(rounds.flatMap((round) => Object.keys(round.cpuSeconds)))];
  const cpu = Object.fromEntries(groups.map((group) => [group, sum((round) => round.cpuSeconds[group] ?? 0)]));
  const perRequest = (seconds: number) => (requests ? (seconds * 1000) / requests : Number.NaN);
  const cpuMsPerRequest = Object.fromEntries(groups.map((group) => [group, perRequest(cpu[group]!)]));
  cpuMsPerRequest.system = perRequest(groups.filter((group) => !OUTSIDE_THE_SYSTEM.has(group)).reduce((total, group) => total + cpu[group]!, 0));
  const legacyCallsBySystem = Object.fromEntries(
    [...new Set(rounds.flatMap((round) => Object.keys(round.legacyCalls)))].flatMap((system) => {
      const calls = sum((round) => round.legacyCalls[system] ?? 0);
      return calls > 0 && requests > 0 ? [[system, calls / requests]] : [];
    }),
  );
  const reasons: Record<string, number> = {};
  const examples: Record<string, string> = {};
  for (const round of rounds) {
    for (const [reason, count] of Object.entries(round.load.reasons)) reasons[reason] = (reasons[reason] ?? 0) + count;
    for (const [reason, message] of Object.entries(round.load.examples)) examples[reason] ??= message;
  }
  return {
    gateway,
    workload,
    rounds: rounds.length,
    requests,
    ok,
    errors: requests - ok,
    outcomes,
    reasons,
    examples,
    seconds,
    requestsPerSecond: requests / seconds,
    requestsPerGatewayCpuSecond: cpu.gateway ? requests / cpu.gateway : Number.NaN,
    cpuMsPerRequest,
    peakPssMiB: Object.fromEntries(groups.map((group) => [group, Math.max(...rounds.map((round) => round.peakPssMiB[group] ?? 0))])),
    latencyMs: summarise(rounds.flatMap((round) => round.load.latenciesMs)),
    legacyCallsPerRequest: requests ? Object.values(legacyCallsBySystem).reduce((a, b) => a + b, 0) : Number.NaN,
    legacyCallsBySystem,
    ...(rounds.every((round) => round.machine) ? { machine: machineShare(sum((round) => round.machine!.busySeconds), sum((round) => round.machine!.busySeconds + round.machine!.idleSeconds), Object.values(cpu).reduce((a, b) => a + b, 0), perRequest) } : {}),
  };
}

/** `busy` and `total`: the machine's CPU-seconds over the rounds; `measured`: every measured process's. */
function machineShare(busy: number, total: number, measured: number, perRequest: (seconds: number) => number): NonNullable<Row['machine']> {
  // Never below zero: /proc counts each process and the machine in whole ticks, read at slightly different moments.
  return { busyPercent: total > 0 ? (100 * busy) / total : Number.NaN, elsewhereCpuMsPerRequest: perRequest(Math.max(0, busy - measured)) };
}

export const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function machineSection(machine: MachineInfo): string {
  return `Machine: ${machine.cpus} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel}.`;
}

export function errorsCell(row: Row): string {
  if (row.errors === 0) return '0';
  const top = Object.entries(row.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, count]) => `${reason} ×${count}`);
  return `${row.errors} (${top.join('; ')})`;
}

/**
 * Writes `<date>-<machine>[-suffix].md` and `.json` under `dir`; returns the markdown's path. A
 * later run the same day is written beside the earlier ones (`...-2.md`, `...-3.md`), never
 * over them: runs are compared with each other.
 */
export function writeResults(dir: string, suffix: string, markdown: string, json: unknown): string {
  mkdirSync(dir, { recursive: true });
  const first = join(dir, `${new Date().toISOString().slice(0, 10)}-${hostname()}${suffix}`);
  let base = first;
  for (let run = 2; existsSync(`${base}.md`) || existsSync(`${base}.json`); run++) base = `${first}-${run}`;
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  return `${base}.md`;
}

/** One line per reason that came with a message, to print after a run. */
export function errorExamples(rows: readonly Row[]): string[] {
  return rows.flatMap((row) => Object.entries(row.examples).map(([reason, message]) => `${row.gateway} ${row.workload} ${reason}: ${message}`));
}
