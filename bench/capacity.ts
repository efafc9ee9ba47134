/**
 * `npm run bench:capacity`: the system as `npm start` runs it (`node bin/start.ts`, whatever it
 * starts today), every legacy system answering after a set latency (20 ms by default), driven
 * open-loop at fixed arrival rates. Finds the highest rate of the mix that holds p99 < 250 ms
 * with no errors, and of the whole citizen with p99 < 500 ms (double until a step fails, then
 * bisect), then runs the overload scenarios (twice each sustainable rate) and hangs (one
 * legacy system at a time stops answering: CIS and the State Pension system by default).
 * `--quick` is a smoke run of about a minute.
 */
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { SYSTEM_IDS } from '../legacy-estate/index.ts';
import { startLoadGenerator, watchForStop, type LoadJob } from './load/load-generator.ts';
import { measureRound, peakMemory, type ProcessGroup, type RoundMeasurement } from './measure.ts';
import { capacityOptions } from './options.ts';
import { machineInfo, processArguments, processTree } from './proc.ts';
import { spawnProcess } from './processes.ts';
import { aggregate, errorExamples, errorsCell, fixed, machineSection, table, writeResults, type Row } from './report.ts';
import { BENCH_RATE_LIMITS, prepareRun, systemEnv, uniformLatency } from './system.ts';
import { describeWorkload, MIX_OPERATIONS, shareOfMix, type OperationName, type WorkloadName } from './workloads.ts';

const options = capacityOptions(process.argv.slice(2), process.env);
const started = Date.now();
const faults = uniformLatency(options.legacyLatencyMs, SYSTEM_IDS);
const stop = watchForStop();
await using prepared = await prepareRun({ name: 'capacity', databaseUrl: options.databaseUrl, populationSize: options.populationSize, estateFaults: faults, callers: { agents: 64, partners: 16 } });
stop.check();
const { database, settings, credentials, citizens } = prepared;
console.log(`Capacity run folder (system log): ${prepared.workDir}`);
const env = systemEnv(settings, 'npm-start');
const gatewayUrl = `http://127.0.0.1:${settings.ports.gateway}/graphql`;
const estateUrl = env.ESTATE_URL!;
await using system = await spawnProcess({
  name: 'npm-start',
  args: [fileURLToPath(new URL('../bin/start.ts', import.meta.url))],
  cwd: fileURLToPath(new URL('../', import.meta.url)),
  env,
  logDir: prepared.logDir,
  readyUrl: gatewayUrl,
});
stop.check();
await using generator = startLoadGenerator(stop);
// The estate stands in for the department's systems: its process is reported apart, never as ours.
const isEstate = (pid: number) => processArguments(pid).at(-1) === 'estate';
const SYSTEM_GROUP = 'npm start';
const groups: ProcessGroup[] = [
  { name: SYSTEM_GROUP, pids: () => Promise.resolve(processTree(system.pid).filter((pid) => !isEstate(pid))) },
  { name: 'estate', pids: () => Promise.resolve(processTree(system.pid).filter(isEstate)) },
  { name: 'PostgreSQL', pids: async () => (await database.serverPids()).ours },
  { name: 'PostgreSQL (shared)', pids: async () => (await database.serverPids()).shared },
  { name: 'load generator', pids: () => Promise.resolve([generator.pid]) },
];

let nextIndex = 0;
const job = (workload: WorkloadName, ratePerSecond: number, seconds: number): LoadJob => {
  const firstIndex = nextIndex;
  nextIndex += Math.ceil(ratePerSecond * seconds) + 1;
  return {
    url: gatewayUrl,
    workload,
    context: { citizens, credentials, persistedOperations: true },
    // Room for five seconds of backlog: beyond that the generator itself counts errors.
    mode: { kind: 'open', ratePerSecond, maxInFlight: Math.min(4_000, Math.max(100, Math.ceil(ratePerSecond * 5))) },
    durationMs: seconds * 1000,
    firstIndex,
    requestTimeoutMs: 30_000,
  };
};

interface Step {
  readonly scenario: string;
  readonly rate: number;
  readonly row: Row;
  readonly holds?: boolean;
}
const steps: Step[] = [];
const run = async (scenario: string, workload: WorkloadName, rate: number, p99LimitMs?: number, seconds = options.stepSeconds): Promise<Step> => {
  const measurement: RoundMeasurement = await measureRound({ groups, memoryOf: [SYSTEM_GROUP], estateUrl, generator, job: job(workload, rate, seconds) });
  const row = aggregate('npm start', workload, [measurement]);
  const step = { scenario, rate, row, ...(p99LimitMs !== undefined ? { holds: row.errors === 0 && row.latencyMs.p99 < p99LimitMs } : {}) };
  steps.push(step);
  console.log(
    `${scenario.padEnd(22)} ${String(rate).padStart(5)}/s offered  ${fixed(row.requestsPerSecond).padStart(6)}/s done  p50 ${fixed(row.latencyMs.p50)} p99 ${fixed(row.latencyMs.p99)} ms  errors ${errorsCell(row)}${step.holds === undefined ? '' : step.holds ? '  holds' : '  fails'}`,
  );
  return step;
};

/** The p99 each search must hold (with no errors) for a rate to count as sustainable. */
const P99_BOUND_MS = { mix: 250, wholeCitizen: 500 } as const;

/** A search's outcome: the highest rate that held, and the lowest that did not (what stopped it). */
interface Search {
  readonly held: Step | undefined;
  readonly failed: Step | undefined;
}

/** Doubles from the start rate until a step fails, then bisects between the last that held and the first that failed. */
async function highestSustainable(workload: keyof typeof P99_BOUND_MS, startRate: number): Promise<Search> {
  const p99LimitMs = P99_BOUND_MS[workload];
  const scenario = `${workload} p99<${p99LimitMs}`;
  let held: Step | undefined;
  let failed: Step | undefined;
  for (let rate = startRate; rate <= options.maxRate; rate *= 2) {
    const step = await run(scenario, workload, rate, p99LimitMs);
    if (!step.holds) {
      failed = step;
      break;
    }
    held = step;
  }
  for (let i = 0; i < options.refineSteps && failed !== undefined; i++) {
    const low = held?.rate ?? 0;
    const rate = Math.round((low + failed.rate) / 2);
    if (rate <= low || rate >= failed.rate) break;
    const step = await run(scenario, workload, rate, p99LimitMs);
    if (step.holds) held = step;
    else failed = step;
  }
  return { held, failed };
}

async function setFault(systemId: string, settings: Record<string, unknown>): Promise<void> {
  const response = await request(`${estateUrl}/__faults/${systemId}`, { method: 'PUT', body: JSON.stringify(settings), headers: { 'content-type': 'application/json' } });
  await response.body.dump();
  if (response.statusCode >= 300) throw new Error(`Could not set the ${systemId} fault (HTTP ${response.statusCode})`);
}

console.log(`Warming up: ${options.warmupSeconds} s of each workload`);
await generator.run(job('mix', options.startRates.mix, options.warmupSeconds));
await generator.run(job('wholeCitizen', options.startRates.wholeCitizen, options.warmupSeconds));

// The critical path first, while nothing else runs: a few citizens a second, so each answer's
// latency is its plan's legacy round trips plus processing, not queueing.
const CRITICAL_PATH_RATE = 5;
const criticalPath = {
  singleView: await run('critical path, single view', 'singleView', CRITICAL_PATH_RATE, undefined, Math.min(options.stepSeconds, 20)),
  wholeCitizen: await run('critical path, household', 'wholeCitizen', CRITICAL_PATH_RATE, undefined, Math.min(options.stepSeconds, 20)),
};
const roundTripsTarget = (roundTrips: number) => `${roundTrips} × ${options.legacyLatencyMs} + 10 = ${roundTrips * options.legacyLatencyMs + 10} ms`;

// Then each operation of the mix alone, at one moderate rate: what it costs, so the mix's
// CPU and legacy calls per request can be read operation by operation.
const operations: Array<{ readonly operation: OperationName; readonly step: Step }> = [];
for (const operation of MIX_OPERATIONS) operations.push({ operation, step: await run(`operation: ${operation}`, operation, options.operationRate, undefined, options.operationSeconds) });
const weighted = (pick: (row: Row) => number) => operations.reduce((total, { operation, step }) => total + shareOfMix(operation) * pick(step.row), 0);

const mixSearch = await highestSustainable('mix', options.startRates.mix);
const wholeSearch = await highestSustainable('wholeCitizen', options.startRates.wholeCitizen);
const { held: mix } = mixSearch;
const { held: whole } = wholeSearch;
const sustainable = mix?.rate ?? options.startRates.mix;
const overload = await run('overload (2× mix)', 'mix', sustainable * 2);
const overloadWhole = await run('overload (2× whole citizen)', 'wholeCitizen', (whole?.rate ?? options.startRates.wholeCitizen) * 2);
// Hangs: each system in turn stops answering within the run (120 s, the estate's longest delay).
const hangs: Array<{ system: string; step: Step }> = [];
for (const hangSystem of options.hangSystems) {
  await setFault(hangSystem, { latencyMs: 120_000 });
  hangs.push({ system: hangSystem, step: await run(`hang (${hangSystem})`, 'mix', sustainable) });
  await setFault(hangSystem, faults[hangSystem] ?? {});
  // Unmeasured, like the warm-up: the system's breaker half-opens and its probe closes it, so
  // the next scenario does not count this hang's tail.
  await generator.run(job('mix', sustainable, options.warmupSeconds));
}
const memory = await peakMemory(groups.filter((group) => [SYSTEM_GROUP, 'estate', 'PostgreSQL'].includes(group.name)));
await system.stop();

const machine = machineInfo();
const minutes = (Date.now() - started) / 60_000;
const systemMemoryMiB = memory.filter((row) => row.group === SYSTEM_GROUP).reduce((total, row) => total + row.peakMiB, 0);
const peakPss = Math.max(...steps.map((step) => step.row.peakPssMiB[SYSTEM_GROUP] ?? 0));
const memoryAt = (step: Step | undefined) => (step ? `${step.row.peakPssMiB[SYSTEM_GROUP]} MiB` : 'not measured (nothing sustainable)');
const machineBusy = (row: Row) => (row.machine ? `, the machine ${fixed(row.machine.busyPercent, 0)}% busy` : '');
/** What stopped a search, and whether the machine had CPU to spare. */
const stoppedBy = (step: Step | undefined) => (step ? `; ${step.rate}/s did not hold: p99 ${fixed(step.row.latencyMs.p99)} ms, errors ${errorsCell(step.row)}${machineBusy(step.row)}` : '');
const found = ({ held: step, failed }: Search, target: number) =>
  step ? `**${step.rate}/s** (p99 ${fixed(step.row.latencyMs.p99)} ms, ${fixed(step.row.cpuMsPerRequest.system!, 2)} ms CPU per request${machineBusy(step.row)}${stoppedBy(failed)})` : `none from ${target}/s up${stoppedBy(failed)}`;
const outcomesText = (row: Row) => `${row.outcomes.ok} whole, ${row.outcomes.partial} partial (legacy errors only), ${row.outcomes.shed} shed, ${row.outcomes.error} failed`;
const overloadText = (step: Step, what: string, sustained: Step | undefined) =>
  `- Overload, ${step.rate}/s of ${what} (twice ${sustained ? 'the sustainable rate' : 'the start rate: nothing was sustainable'}): admitted p99 ${fixed(step.row.latencyMs.p99)} ms; ${step.row.reasons['HTTP 429'] ?? 0} × 429 and ${step.row.reasons['HTTP 503'] ?? 0} × 503 of ${step.row.requests}; ${outcomesText(step.row)}.`;
const outcomeCells = (row: Row) => [
  fixed(row.requestsPerSecond),
  `${fixed(row.latencyMs.p50)} / ${fixed(row.latencyMs.p95)} / ${fixed(row.latencyMs.p99)}`,
  errorsCell(row),
  fixed(row.cpuMsPerRequest.system!, 2),
  fixed(row.cpuMsPerRequest.estate!, 2),
  fixed(row.cpuMsPerRequest['load generator']!, 2),
  row.machine ? `${fixed(row.machine.busyPercent, 0)}%` : '-',
  row.machine ? fixed(row.machine.elsewhereCpuMsPerRequest, 2) : '-',
  fixed(row.legacyCallsPerRequest, 2),
];
const markdown = `# Capacity, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${options.quick ? ' (quick smoke run: the numbers prove only that it works)' : ''}

${machineSection(machine)}
System: \`node bin/start.ts\` as \`npm start\` runs it (its process and every process it starts; the estate's process, the stand-in for the department's systems, is reported apart), with the environment a user gives it (no subgraph URLs: each worker calls its subgraphs in process), audit on PostgreSQL (a schema of the run's own on a shared server), every legacy system answering after ${options.legacyLatencyMs} ms. Open-loop load at fixed arrival rates from a process of its own, latency counted from when each request was due; ${options.stepSeconds} s per step after ${options.warmupSeconds} s of warm-up; ${options.populationSize} citizens, a different one per request; ${minutes.toFixed(1)} minutes in all.

- Critical path at ${CRITICAL_PATH_RATE}/s (nothing else running): one citizen's whole view without the household p50 **${fixed(criticalPath.singleView.row.latencyMs.p50)} ms** (target ${roundTripsTarget(2)}), with the household p50 **${fixed(criticalPath.wholeCitizen.row.latencyMs.p50)} ms** (target ${roundTripsTarget(3)}).
- Highest sustainable mix with p99 < ${P99_BOUND_MS.mix} ms and no errors: ${found(mixSearch, options.startRates.mix)} (target 580/s, stretch 870/s).
- Highest sustainable whole citizen with household, p99 < ${P99_BOUND_MS.wholeCitizen} ms and no errors: ${found(wholeSearch, options.startRates.wholeCitizen)} (target 150/s).
${overloadText(overload, 'the mix', mix)}
${overloadText(overloadWhole, 'the whole citizen', whole)}
${hangs.map(({ system: hung, step }) => `- Hang of \`${hung}\` (no answer within 120 s) at ${step.rate}/s of the mix: p50 ${fixed(step.row.latencyMs.p50)} ms, p99 ${fixed(step.row.latencyMs.p99)} ms; ${outcomesText(step.row)}; ${errorsCell(step.row)}.`).join('\n')}
- Memory of the system's processes (PostgreSQL and the estate aside), the most held at once (their Pss summed, sampled each second): ${memoryAt(mix)} at the sustainable mix, ${memoryAt(whole)} at the sustainable whole citizen, **${peakPss} MiB** over the whole run (overload and hangs included). Each process's own peak (VmHWM, below) adds up to ${systemMemoryMiB} MiB, which counts the pages the processes share (the Node binary, the cluster's common code) once per process.
- Rate limits: the benchmark's few callers send the whole load, so per-caller budgets are lifted (\`RATE_LIMITS=${BENCH_RATE_LIMITS}\`); the cap on requests in flight stays at its default, so overload is shed with 503.

Mix: ${describeWorkload('mix')}. Callers: ${credentials.agents.length} caseworker and ${credentials.partners.length} partner tokens from the development issuer, used in turn (per-caller rate limits lifted, as stated below). A step *holds* when every answer was whole and of the expected shape and p99 is under the bound; partial answers and shed requests (429/503) count as errors there. Everything runs on this one machine, the load generator and the estate included: *machine busy* is the share of all its cores' time that was not idle during the step (from /proc/stat), and *CPU elsewhere* is busy time outside every process measured here (kernel threads, the benchmark's own process, anything else on the host), per request. A step that fails with the machine near 100% failed for want of CPU; one that fails well below it, for something else.

${table(
  ['scenario', 'offered /s', 'answered /s (drain included)', 'p50 / p95 / p99 ms', 'errors', 'CPU ms/req (npm start + PostgreSQL)', 'estate CPU ms/req (apart)', 'load generator CPU ms/req', 'machine busy', 'CPU elsewhere ms/req', 'legacy calls/req', 'holds'],
  steps.map((step) => [step.scenario, String(step.rate), ...outcomeCells(step.row), step.holds === undefined ? '' : step.holds ? 'yes' : 'no']),
)}

**The mix, operation by operation**: each alone at ${options.operationRate}/s for ${options.operationSeconds} s, after the critical path. CPU per request depends on the rate (a process that idles between requests pays to wake up), so read these against each other rather than against the mix at its edge; legacy calls per request do not depend on it.

${table(
  ['operation', 'share of the mix', 'legacy calls/req', 'by system', 'CPU ms/req (npm start + PostgreSQL)', 'estate CPU ms/req (apart)', 'p50 / p99 ms', 'errors'],
  operations.map(({ operation, step }) => [
    operation,
    `${fixed(100 * shareOfMix(operation), 0)}%`,
    fixed(step.row.legacyCallsPerRequest, 2),
    Object.entries(step.row.legacyCallsBySystem).map(([system, calls]) => `${system} ${fixed(calls, 2)}`).join(', ') || 'none',
    fixed(step.row.cpuMsPerRequest.system!, 2),
    fixed(step.row.cpuMsPerRequest.estate!, 2),
    `${fixed(step.row.latencyMs.p50)} / ${fixed(step.row.latencyMs.p99)}`,
    errorsCell(step.row),
  ]),
)}

Weighted by the mix: ${fixed(weighted((row) => row.legacyCallsPerRequest), 2)} legacy calls and ${fixed(weighted((row) => row.cpuMsPerRequest.system!), 2)} ms of CPU (npm start + PostgreSQL) per request${mixSearch.held ? `; the mix itself, at ${mixSearch.held.rate}/s: ${fixed(mixSearch.held.row.legacyCallsPerRequest, 2)} and ${fixed(mixSearch.held.row.cpuMsPerRequest.system!, 2)} ms` : ''}.

**Peak resident memory** (VmHWM) per process, MiB:

${table(
  ['process', 'pid', 'peak MiB'],
  memory.map((row) => [row.group, String(row.pid), String(row.peakMiB)]),
)}
`;
const path = writeResults(options.resultsDir, options.quick ? '-capacity-quick' : '-capacity', markdown, {
  kind: 'capacity',
  options: { ...options, databaseUrl: undefined },
  machine,
  sustainable: { mix: mix?.rate ?? null, wholeCitizen: whole?.rate ?? null },
  criticalPathP50Ms: { singleView: criticalPath.singleView.row.latencyMs.p50, wholeCitizen: criticalPath.wholeCitizen.row.latencyMs.p50 },
  steps,
  operations: operations.map(({ operation, step }) => ({ operation, share: shareOfMix(operation), row: step.row })),
  memory,
});
console.log(`\nSustainable: mix ${mix ? `${mix.rate}/s` : 'none'}, whole citizen ${whole ? `${whole.rate}/s` : 'none'}; overload p99 ${fixed(overload.row.latencyMs.p99)} ms (mix), ${fixed(overloadWhole.row.latencyMs.p99)} ms (whole citizen); ${hangs.map(({ system: hung, step }) => `hang of ${hung} p99 ${fixed(step.row.latencyMs.p99)} ms`).join(', ')}`);
for (const line of errorExamples(steps.map((step) => step.row))) console.log(`error example: ${line}`);
console.log(`Results: ${path} (and .json beside it)`);
