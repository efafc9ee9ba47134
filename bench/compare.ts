/**
 * `npm run bench`: our gateway beside a stock @apollo/gateway and Hive Gateway with the Rust
 * query planner, in one run, each in its own process pinned to one core, in front of the
 * same subgraphs (a process each) and the simulated estate. After a warm-up, rounds are
 * interleaved (every gateway and workload once per round, in rotating order) so that a
 * noisy neighbour hurts all of them alike; then as many rounds again side by side (every
 * gateway loaded at the same seconds), so that a neighbour's noise falls on all at once. `--quick`
 * is a smoke run of a few minutes.
 */
import { SUBGRAPH_NAMES } from '../platform/config/index.ts';
import { startLoadGenerator, watchForStop, type LoadJob } from './load/load-generator.ts';
import { measureRound, measureSideBySide, peakMemory, type ProcessGroup, type RoundMeasurement } from './measure.ts';
import { compareOptions, type GatewayKind } from './options.ts';
import { ensurePeersInstalled } from './peers.ts';
import { machineInfo, processTree } from './proc.ts';
import { aggregate, errorExamples, errorsCell, fixed, machineSection, table, writeResults, type Row } from './report.ts';
import { canPin } from './processes.ts';
import { BENCH_RATE_LIMITS, prepareRun } from './system.ts';
import { GATEWAY_CPU, GATEWAY_LABELS, startTopology } from './topology.ts';
import { describeWorkload, type WorkloadName } from './workloads.ts';

const options = compareOptions(process.argv.slice(2), process.env);
if (options.gateways.some((kind) => kind !== 'ours')) ensurePeersInstalled();
const started = Date.now();
const stop = watchForStop();
await using run = await prepareRun({ name: 'bench', databaseUrl: options.databaseUrl, populationSize: options.populationSize, estateFaults: {}, callers: { agents: 32, partners: 8 } });
stop.check();
const { database, credentials, citizens } = run;
console.log(`Benchmark run folder (component logs): ${run.workDir}`);
await using topology = await startTopology(run.settings, options.gateways, run.logDir);
stop.check();
await using generator = startLoadGenerator(stop);

const tree = (pids: () => number[]): ProcessGroup['pids'] => () => Promise.resolve(pids());
const commonGroups: ProcessGroup[] = [
  { name: 'subgraphs', pids: tree(() => topology.subgraphs.flatMap((subgraph) => processTree(subgraph.pid))) },
  { name: 'PostgreSQL', pids: async () => (await database.serverPids()).ours },
  { name: 'PostgreSQL (shared)', pids: async () => (await database.serverPids()).shared },
  { name: 'estate', pids: tree(() => processTree(topology.estate.pid)) },
  { name: 'load generator', pids: tree(() => [generator.pid]) },
];
const gatewayGroup = (kind: GatewayKind): ProcessGroup => ({ name: 'gateway', pids: tree(() => processTree(topology.gateways[kind]!.process.pid)) });
const groupsFor = (kind: GatewayKind): ProcessGroup[] => [gatewayGroup(kind), ...commonGroups];

// Each job starts where the last one stopped, so every request asks about the next citizen.
let nextIndex = 0;
const job = (kind: GatewayKind, workload: WorkloadName, seconds: number, firstIndex = nextIndex): LoadJob => ({
  url: topology.gateways[kind]!.url,
  workload,
  context: { citizens, credentials, persistedOperations: kind === 'ours' },
  mode: { kind: 'closed', concurrency: options.concurrency },
  durationMs: seconds * 1000,
  firstIndex,
  requestTimeoutMs: 30_000,
});

const workloads = options.workloads;
console.log(`Warming up: ${options.warmupSeconds} s per gateway and workload`);
for (const kind of options.gateways) for (const workload of workloads) nextIndex += (await generator.run(job(kind, workload, options.warmupSeconds))).sent;

const measured = new Map<string, RoundMeasurement[]>();
for (let round = 0; round < options.rounds; round++) {
  for (const [w, workload] of workloads.entries()) {
    // Rotate which gateway goes first, so none always follows the same neighbour.
    const order = options.gateways.map((_, i) => options.gateways[(i + round + w) % options.gateways.length]!);
    for (const kind of order) {
      const measurement = await measureRound({ groups: groupsFor(kind), estateUrl: topology.estateUrl, generator, job: job(kind, workload, options.roundSeconds) });
      nextIndex += measurement.load.sent;
      const key = `${kind}/${workload}`;
      measured.set(key, [...(measured.get(key) ?? []), measurement]);
      const row = aggregate(kind, workload, [measurement]);
      console.log(
        `round ${round + 1}/${options.rounds} ${workload.padEnd(12)} ${kind.padEnd(5)} ${fixed(row.requestsPerSecond).padStart(7)} req/s  ${fixed(row.requestsPerGatewayCpuSecond).padStart(7)} req/gateway-CPU-s  p99 ${fixed(row.latencyMs.p99)} ms  errors ${errorsCell(row)}`,
      );
    }
  }
}
const rows = workloads.flatMap((workload) => options.gateways.map((kind) => aggregate(kind, workload, measured.get(`${kind}/${workload}`) ?? [])));
// Then side by side: every gateway under the same load at the same seconds, each from a load
// generator of its own, all on the one core, so that the host's noise weighs on them alike.
const sideBySide = new Map<string, RoundMeasurement[]>();
if (options.gateways.length > 1) {
  await using stack = new AsyncDisposableStack();
  // Each with a watch of its own: closing a generator ends its watch, and the run's must outlive these.
  const generators = options.gateways.map(() => stack.use(startLoadGenerator()));
  // Each gateway from a different part of the population.
  const spacing = Math.floor(options.populationSize / options.gateways.length);
  for (let round = 0; round < options.rounds; round++) {
    for (const workload of workloads) {
      const targets = options.gateways.map((kind, i) => ({ group: gatewayGroup(kind), generator: generators[i]!, job: job(kind, workload, options.roundSeconds, nextIndex + i * spacing) }));
      const measurements = await measureSideBySide(targets);
      nextIndex += Math.max(...measurements.map((measurement) => measurement.load.sent));
      const cells = options.gateways.map((kind, i) => {
        const key = `${kind}/${workload}`;
        sideBySide.set(key, [...(sideBySide.get(key) ?? []), measurements[i]!]);
        return `${kind} ${fixed(aggregate(kind, workload, [measurements[i]!]).requestsPerGatewayCpuSecond)}`;
      });
      console.log(`side by side ${round + 1}/${options.rounds} ${workload.padEnd(12)} ${cells.join('  ')} req/gateway-CPU-s`);
    }
  }
}
const sideRows = workloads.flatMap((workload) => options.gateways.filter((kind) => sideBySide.has(`${kind}/${workload}`)).map((kind) => aggregate(kind, workload, sideBySide.get(`${kind}/${workload}`)!)));

const memory = await peakMemory([
  ...options.gateways.map((kind) => ({ name: `gateway (${kind})`, pids: tree(() => processTree(topology.gateways[kind]!.process.pid)) })),
  ...topology.subgraphs.map((subgraph) => ({ name: `subgraph ${subgraph.name}`, pids: tree(() => processTree(subgraph.pid)) })),
  ...commonGroups.filter((group) => group.name !== 'subgraphs' && group.name !== 'PostgreSQL (shared)'),
]);
await topology.close();

const machine = machineInfo();
const minutes = (Date.now() - started) / 60_000;
const ratioIn = (among: readonly Row[], workload: string, of: GatewayKind, to: GatewayKind) => {
  const a = among.find((row) => row.gateway === of && row.workload === workload);
  const b = among.find((row) => row.gateway === to && row.workload === workload);
  return a && b ? `${fixed(a.requestsPerGatewayCpuSecond / b.requestsPerGatewayCpuSecond, 2)}×` : '-';
};
const ratio = (workload: string, of: GatewayKind, to: GatewayKind) => ratioIn(rows, workload, of, to);
/** Side by side: the ratio over the rounds together, then round by round. */
const sideRatio = (workload: string, of: GatewayKind, to: GatewayKind) => {
  const a = sideBySide.get(`${of}/${workload}`);
  const b = sideBySide.get(`${to}/${workload}`);
  if (!a || !b) return '-';
  const perRound = a.map((round, i) => fixed(aggregate(of, workload, [round]).requestsPerGatewayCpuSecond / aggregate(to, workload, [b[i]!]).requestsPerGatewayCpuSecond, 2));
  return `${ratioIn(sideRows, workload, of, to)} (${perRound.join(', ')})`;
};
const sideBySideSection = sideRows.length === 0 ? '' : `**Side by side**, after the interleaved rounds: ${options.rounds} round(s) of ${options.roundSeconds} s per workload in which every gateway took its load at the same seconds (each from a load generator of its own, ${options.concurrency} callers each, every gateway ${canPin ? `on CPU ${GATEWAY_CPU}` : 'unpinned'}), so that the host's noise weighs on all of them alike. Requests per gateway CPU-second, and ours ÷ peer over the rounds together and round by round:

${table(
  ['workload', ...options.gateways.map((kind) => GATEWAY_LABELS[kind]), 'ours ÷ stock @apollo/gateway', 'ours ÷ Hive Gateway + Rust planner', 'errors'],
  workloads.map((workload) => {
    const of = (kind: GatewayKind) => sideRows.find((row) => row.gateway === kind && row.workload === workload);
    return [
      workload,
      ...options.gateways.map((kind) => fixed(of(kind)?.requestsPerGatewayCpuSecond ?? Number.NaN)),
      sideRatio(workload, 'ours', 'stock'),
      sideRatio(workload, 'ours', 'hive'),
      options.gateways.map((kind) => `${kind} ${of(kind) ? errorsCell(of(kind)!) : '-'}`).join(', '),
    ];
  }),
)}

`;
const rowCells = (row: Row) => [
  GATEWAY_LABELS[row.gateway as GatewayKind],
  row.workload,
  fixed(row.requestsPerSecond),
  fixed(row.requestsPerGatewayCpuSecond),
  fixed(row.cpuMsPerRequest.system!, 2),
  fixed(row.cpuMsPerRequest.gateway!, 2),
  fixed(row.cpuMsPerRequest.subgraphs!, 2),
  fixed(row.cpuMsPerRequest.PostgreSQL!, 2),
  fixed(row.cpuMsPerRequest['PostgreSQL (shared)']!, 2),
  fixed(row.cpuMsPerRequest.estate!, 2),
  `${fixed(row.latencyMs.p50)} / ${fixed(row.latencyMs.p95)} / ${fixed(row.latencyMs.p99)}`,
  errorsCell(row),
  fixed(row.legacyCallsPerRequest, 2),
];
const markdown = `# Gateway comparison, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${options.quick ? ' (quick smoke run: the numbers prove only that it works)' : ''}

${machineSection(machine)}
Run: ${options.rounds} interleaved round(s) of ${options.roundSeconds} s per gateway and workload after ${options.warmupSeconds} s of warm-up each; closed loop, ${options.concurrency} concurrent callers; ${options.populationSize} citizens, a different one per request; ${minutes.toFixed(1)} minutes in all.
Topology: the simulated estate, each of the ${SUBGRAPH_NAMES.length} subgraphs and each gateway in its own process; ${canPin ? `every gateway pinned to CPU ${GATEWAY_CPU} with taskset` : 'no taskset here, so gateways were not pinned'}; audit on PostgreSQL (one server shared by all processes, a schema of the run's own). Legacy systems answer without added latency.

${table(
  ['gateway', 'workload', 'req/s', 'req per gateway CPU-s', 'CPU ms/req, system', 'gateway', 'subgraphs', 'PostgreSQL', 'PostgreSQL shared (apart)', 'estate (apart)', 'p50 / p95 / p99 ms', 'errors', 'legacy calls/req'],
  rows.map(rowCells),
)}

**Ratios, requests per gateway CPU-second** (ours ÷ peer; 1.00× is parity):

${table(
  ['workload', 'ours ÷ stock @apollo/gateway', 'ours ÷ Hive Gateway + Rust planner'],
  workloads.map((workload) => [workload, ratio(workload, 'ours', 'stock'), ratio(workload, 'ours', 'hive')]),
)}

${sideBySideSection}**Peak resident memory** (VmHWM) per process, MiB:

${table(
  ['process', 'pid', 'peak MiB'],
  memory.map((row) => [row.group, String(row.pid), String(row.peakMiB)]),
)}

- *CPU ms/req, system* is gateway + subgraphs + PostgreSQL backends serving this run; the estate (the department's systems' stand-in) is apart, and so are PostgreSQL's own shared processes (WAL writer, checkpointer), which on a shared server also work for others.
- Workloads: \`wholeCitizen\` is the README's WholeCitizen query (the citizen and household); \`trivial\` is \`{ __typename }\` with a valid token; \`mix\` is ${describeWorkload('mix')}. Each answer is checked (no errors, data of the expected shape for the citizen asked about); anything else is an error.
- Callers: ${credentials.agents.length} caseworker tokens (role agent, with \`records:restricted\`, \`x-purpose\` set) and ${credentials.partners.length} partner tokens (every check), minted by the development issuer, used in turn. Partners send persisted-operation ids to our gateway; the peers have no manifest, so they get the operation's body.
- The peers do **no caller authentication, authorization or audit** of their own: they decode the caller's token (unverified) and add the internal token our subgraphs require in their documented hooks (\`RemoteGraphQLDataSource.willSendRequest\`, Hive's \`onFetch\`), caching each signed token per caller for 30 s, where ours verifies each caller token (remembering a verified one by hash until it expires), writes one hash-chained audit entry per request before answering, enforces the citizen limits and rate limits, and signs one internal token per request. The subgraphs enforce every access rule whichever gateway calls them; only ours audits.
- Rate limits: the benchmark's few callers send the whole load, so it runs our gateway with per-caller budgets lifted (\`RATE_LIMITS=${BENCH_RATE_LIMITS}\`); the cap on requests in flight stays at its default.
- Requests per gateway CPU-second come from utime + stime in /proc/<pid>/stat before and after each round. Peak memory is each process's VmHWM; a PostgreSQL backend's includes the shared buffers it touched, so those overlap.
`;
const path = writeResults(options.resultsDir, options.quick ? '-quick' : '', markdown, { kind: 'gateway-comparison', options: { ...options, databaseUrl: undefined }, machine, rows, sideBySide: sideRows, memory });
console.log(`\n${table(['gateway', 'workload', 'req/s', 'req/gw-CPU-s', 'CPU ms/req', 'p99 ms', 'errors'], rows.map((row) => [row.gateway, row.workload, fixed(row.requestsPerSecond), fixed(row.requestsPerGatewayCpuSecond), fixed(row.cpuMsPerRequest.system!, 2), fixed(row.latencyMs.p99), errorsCell(row)]))}`);
console.log(`\nRatios (req per gateway CPU-s, ours ÷ stock / ours ÷ Hive): ${workloads.map((workload) => `${workload} ${ratio(workload, 'ours', 'stock')} / ${ratio(workload, 'ours', 'hive')}`).join('; ')}`);
if (sideRows.length > 0) console.log(`Side by side (ours ÷ stock / ours ÷ Hive): ${workloads.map((workload) => `${workload} ${sideRatio(workload, 'ours', 'stock')} / ${sideRatio(workload, 'ours', 'hive')}`).join('; ')}`);
for (const line of errorExamples([...rows, ...sideRows])) console.log(`error example: ${line}`);
console.log(`Results: ${path} (and .json beside it)`);
