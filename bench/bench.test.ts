import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { parse, validate } from 'graphql';
import { loadSupergraph } from '../gateway/supergraph.ts';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoad } from './load/generate.ts';
import { measureSideBySide, type RoundMeasurement } from './measure.ts';
import { startLoadGenerator } from './load/load-generator.ts';
import { cpuBetween, cpuByPid, cpuSeconds, machineCpu, parseCpuSeconds, parseMachineCpu, parseParentPid, parsePeakRssBytes, parseProportionalBytes, peakRssBytes, processTree, proportionalBytes } from './proc.ts';
import { isRunning } from '../platform/process/index.ts';
import { capacityOptions } from './options.ts';
import { aggregate, writeResults } from './report.ts';
import { percentile, summarise } from './stats.ts';
import { benchCitizens } from './system.ts';
import { describeWorkload, judge, OPERATIONS, PURPOSE, requestAt, schedule, MIX, MIX_OPERATIONS, shareOfMix, type OperationName, type WorkloadContext } from './workloads.ts';

// The benchmark's own parts, without booting the system or installing the peers: what it
// asks, how it judges answers, how it reads /proc, and its load generator against a tiny
// real server.

const citizens = benchCitizens(300);
const context: WorkloadContext = { citizens, credentials: { agents: ['agent-a', 'agent-b'], partners: ['partner-a'] }, persistedOperations: true };

describe('workloads', () => {
  it('asks about citizens of the seeded population, each once per pass, in an order that keeps households apart', () => {
    expect(new Set(citizens.map((citizen) => citizen.nino)).size).toBe(300);
    expect(citizens.every((citizen) => /^[A-Z]{2}\d{6}[A-D]$/.test(citizen.nino) && citizen.familyName && /^\d{4}-\d{2}-\d{2}$/.test(citizen.dateOfBirth))).toBe(true);
    // The population lists households together: Harold (SC100021A) first, then his partner Margaret.
    expect(citizens[0]!.nino).toBe('SC100021A');
    expect(citizens[1]!.nino).not.toBe('SC100042B');
  });

  it('spreads the mix evenly: each operation as often as its weight in every cycle, the heaviest never twice in a row', () => {
    const cycle = schedule('mix');
    const counts = Object.fromEntries(Object.keys(MIX).map((name) => [name, cycle.filter((op) => op === name).length]));
    expect(counts).toEqual(MIX);
    expect(cycle.some((op, i) => op === 'wholeCitizen' && cycle[i + 1] === 'wholeCitizen')).toBe(false);
    expect(describeWorkload('mix')).toMatch(/^personalDetails 25%, awardDetails 20%, /);
    expect(MIX_OPERATIONS.slice(0, 2)).toEqual(['personalDetails', 'awardDetails']);
    expect(MIX_OPERATIONS.reduce((total, operation) => total + shareOfMix(operation), 0)).toBeCloseTo(1);
    expect(shareOfMix('wholeCitizen')).toBeCloseTo(0.08);
    expect(shareOfMix('singleView')).toBe(0);
  });

  it('sends one operation alone as a workload of its own', () => {
    expect(new Set(schedule('trace'))).toEqual(new Set(['trace']));
    expect(describeWorkload('trace')).toBe('trace 100%');
  });

  it('builds a request per index: a different citizen each time, callers in turn, caseworkers declaring a purpose', () => {
    const cycle = schedule('wholeCitizen');
    const [first, second] = [requestAt('wholeCitizen', cycle, context, 0), requestAt('wholeCitizen', cycle, context, 1)];
    expect(JSON.parse(first.body).variables.nino).toBe(citizens[0]!.nino);
    expect(JSON.parse(second.body).variables.nino).toBe(citizens[1]!.nino);
    expect([first.headers.authorization, second.headers.authorization]).toEqual(['Bearer agent-a', 'Bearer agent-b']);
    expect(first.headers['x-purpose']).toBe(PURPOSE);
  });

  it('sends partners persisted-operation ids to our gateway and the operation body to a gateway without the manifest', () => {
    const cycle = schedule('mix');
    const index = cycle.indexOf('prescriptionExemption');
    const persisted = JSON.parse(requestAt('mix', cycle, context, index).body);
    const plain = requestAt('mix', cycle, { ...context, persistedOperations: false }, index);
    expect(persisted.extensions.persistedQuery.sha256Hash).toBe('53ba3f59ff37e23ebe52095f05c897e40b46f55cfd994eca53a798727b8cf667');
    expect(persisted.query).toBeUndefined();
    expect(JSON.parse(plain.body).query).toContain('prescriptionExemption(nino: $nino)');
    expect(plain.headers.authorization).toBe('Bearer partner-a');
    expect(plain.headers['x-purpose']).toBeUndefined();
  });
});

describe('judging answers', () => {
  const citizen = citizens[0]!;
  const whole = (data: unknown, errors?: unknown) => JSON.stringify({ data, ...(errors ? { errors } : {}) });
  const theirs = { citizen: { nino: citizen.nino, awards: [], relationships: [] } };
  it.each([
    ['the whole answer about the citizen asked', 200, whole(theirs), { outcome: 'ok' }],
    ['an answer about someone else', 200, whole({ citizen: { ...theirs.citizen, nino: 'AB123456C' } }), { outcome: 'error', reason: 'unexpected answer' }],
    ['data with only legacy failures', 200, whole(theirs, [{ extensions: { code: 'LEGACY_TIMEOUT' } }]), { outcome: 'partial', reason: 'LEGACY_TIMEOUT' }],
    [
      'any other error, with its message',
      200,
      whole(theirs, [{ message: 'Audit down', extensions: { code: 'AUDIT_UNAVAILABLE' } }, { extensions: { code: 'LEGACY_TIMEOUT' } }]),
      { outcome: 'error', reason: 'AUDIT_UNAVAILABLE,LEGACY_TIMEOUT', detail: 'Audit down' },
    ],
    ['a refusal with no data', 401, whole(null, [{ extensions: { code: 'UNAUTHENTICATED' } }]), { outcome: 'error', reason: 'UNAUTHENTICATED' }],
    ['a shed request', 503, 'busy', { outcome: 'shed', reason: 'HTTP 503' }],
    ['a rate-limited request', 429, '{}', { outcome: 'shed', reason: 'HTTP 429' }],
    ['a body that is not JSON', 502, '<html>', { outcome: 'error', reason: 'HTTP 502, not JSON' }],
  ])('%s', (_, status, body, verdict) => {
    expect(judge('wholeCitizen', citizen, status, body)).toEqual(verdict);
  });

  it('asks only what the supergraph answers: every operation, as the peers are sent it, is valid against it', async () => {
    const gateway = new ApolloGateway({ supergraphSdl: loadSupergraph() });
    const { schema } = await gateway.load();
    try {
      for (const [name, operation] of Object.entries(OPERATIONS)) {
        const { query } = operation.body(citizens[0]!, false) as { query: string };
        expect(validate(schema, parse(query)), name).toEqual([]);
      }
    } finally {
      await gateway.stop();
    }
  });

  it('checks each operation against its own shape', () => {
    const verdict = (operation: OperationName, data: unknown) => judge(operation, citizen, 200, JSON.stringify({ data })).outcome;
    expect(verdict('trace', { traceCitizen: { matches: [{ citizen: { nino: citizen.nino } }] } })).toBe('ok');
    expect(verdict('trace', { traceCitizen: { matches: [] } })).toBe('error');
    expect(verdict('freeSchoolMeals', { freeSchoolMeals: { eligible: false, reference: 'r' } })).toBe('ok');
    expect(verdict('freeSchoolMeals', { healthyStart: { eligible: false, reference: 'r' } })).toBe('error');
    expect(verdict('addressLookup', { addressLookup: [] })).toBe('error');
    expect(verdict('trivial', { __typename: 'Query' })).toBe('ok');
  });
});

describe('statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile([...samples].sort((a, b) => a - b), 50), percentile([1], 99)]).toEqual([50, 1]);
    expect(summarise(samples)).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarise([]).p99).toBeNaN();
  });

  it('counts the system as gateway, subgraphs and PostgreSQL, with the estate and the load generator apart', () => {
    const round = (requests: number): RoundMeasurement => ({
      load: { sent: requests, outcomes: { ok: requests - 1, partial: 0, shed: 0, error: 1 }, reasons: { 'unexpected answer': 1 }, examples: {}, latenciesMs: [10, 20], elapsedSeconds: 2 },
      cpuSeconds: { gateway: 1, subgraphs: 2, PostgreSQL: 0.5, estate: 4, 'load generator': 3 },
      legacyCalls: { cis: requests, uc: requests / 2, pscs: 0 },
      peakPssMiB: { gateway: 100 },
    });
    const row = aggregate('ours', 'mix', [round(100), round(300)]);
    expect(row).toMatchObject({ requests: 400, ok: 398, errors: 2, outcomes: { ok: 398, partial: 0, shed: 0, error: 2 }, requestsPerSecond: 100, requestsPerGatewayCpuSecond: 200, legacyCallsPerRequest: 1.5, reasons: { 'unexpected answer': 2 } });
    // By system, per request: a system that served nothing is left out.
    expect(row.legacyCallsBySystem).toEqual({ cis: 1, uc: 0.5 });
    expect(row.cpuMsPerRequest.system).toBeCloseTo(17.5);
    expect(row.cpuMsPerRequest.estate).toBeCloseTo(20);
    expect(row.peakPssMiB).toMatchObject({ gateway: 100, estate: 0 });
    // No round read the whole machine: nothing is said about it.
    expect(row.machine).toBeUndefined();
    // 10.5 CPU-seconds a round in the measured processes, 12 busy on the machine: 1.5 elsewhere, over 200 requests a round.
    const withMachine = aggregate('ours', 'mix', [round(200), round(200)].map((measured) => ({ ...measured, machine: { busySeconds: 12, idleSeconds: 4 } })));
    expect(withMachine.machine!.busyPercent).toBeCloseTo(75);
    expect(withMachine.machine!.elsewhereCpuMsPerRequest).toBeCloseTo(7.5);
  });
});

describe('capacity options', () => {
  it('hangs CIS, then the State Pension system, unless told which systems to hang, and refuses a system the estate does not have', () => {
    expect(capacityOptions([], {}).hangSystems).toEqual(['cis', 'pscs']);
    expect(capacityOptions(['--hang-systems', 'uc, payments'], {}).hangSystems).toEqual(['uc', 'payments']);
    expect(() => capacityOptions(['--hang-systems', 'cis,mainframe'], {})).toThrow('--hang-systems: unknown mainframe');
  });
});

describe('results files', () => {
  it('writes a later run the same day beside the earlier ones, never over them', () => {
    const folder = mkdtempSync(join(tmpdir(), 'citizen-graph-results-'));
    try {
      const paths = ['first', 'second', 'third'].map((run) => writeResults(folder, '-capacity', `# ${run}`, { run }));
      expect(new Set(paths).size).toBe(3);
      expect(paths.map((path) => readFileSync(path, 'utf8'))).toEqual(['# first', '# second', '# third']);
      expect(paths[1]).toBe(paths[0]!.replace(/\.md$/, '-2.md'));
      expect(readdirSync(folder).filter((name) => name.endsWith('.json'))).toHaveLength(3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('/proc readings', () => {
  it('reads CPU time and parent from a stat line whose command holds spaces and parentheses', () => {
    const line = '4242 (node (worker) 1) S 17 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 11 0 100 1000000 5000';
    expect(parseCpuSeconds(line)).toBeCloseTo(3);
    expect(parseParentPid(line)).toBe(17);
    expect(parsePeakRssBytes('Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t 1024 kB\n')).toBe(204800 * 1024);
    expect(parseProportionalBytes('00400000-7ffd rw-p 00000000 00:00 0 [rollup]\nRss:\t  300000 kB\nPss:\t  180000 kB\nPss_Anon:\t 100000 kB\n')).toBe(180000 * 1024);
    // user nice system idle iowait irq softirq steal guest guest_nice, in ticks: idle and iowait are the only time not busy.
    const machine = parseMachineCpu('cpu  1000 100 400 5000 500 0 200 300 0 0\ncpu0 500 50 200 2500 250 0 100 150 0 0\nintr 12345\n');
    expect(machine!.busySeconds).toBeCloseTo(20);
    expect(machine!.idleSeconds).toBeCloseTo(55);
    expect(parseMachineCpu('intr 12345\n')).toBeUndefined();
  });

  it('sees this process spend CPU, its peak memory, and itself below its parent', () => {
    const before = cpuByPid([process.pid]);
    const started = cpuSeconds(process.pid)!;
    let spin = 0;
    while (cpuSeconds(process.pid)! < started + 0.05) spin++;
    expect(spin).toBeGreaterThan(0);
    // /proc counts CPU in 10 ms ticks, summed as floating point: allow a tick's worth less, never more.
    expect(cpuBetween(before, cpuByPid([process.pid]))).toBeGreaterThanOrEqual(0.04);
    expect(peakRssBytes(process.pid)).toBeGreaterThan(10 * 2 ** 20);
    expect(proportionalBytes(process.pid)).toBeGreaterThan(10 * 2 ** 20);
    expect(proportionalBytes(process.pid)).toBeLessThanOrEqual(peakRssBytes(process.pid)!);
    expect(processTree(process.ppid)).toContain(process.pid);
    expect(cpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });

  it('sees the machine busy at least while this process spins', () => {
    const before = machineCpu()!;
    const started = cpuSeconds(process.pid)!;
    while (cpuSeconds(process.pid)! < started + 0.25);
    const after = machineCpu()!;
    // The kernel samples each core's state at every timer tick for /proc/stat, while a process's
    // CPU time is measured exactly: over a 50 ms spin the machine's count once fell 30 ms short
    // (a VM whose host was busy). Spun five times as long, a fifth less still proves it counts.
    expect(after.busySeconds - before.busySeconds).toBeGreaterThanOrEqual(0.2);
    // Counters only grow: on a machine busy throughout, the idle time may not move at all.
    expect(after.idleSeconds - before.idleSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('load generation against a real server', () => {
  let server: Server;
  let url: string;
  let status = 200;
  let received = 0;
  /** When each request arrived, by path. */
  const arrivals = new Map<string, number[]>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      received += 1;
      arrivals.set(request.url ?? '', [...(arrivals.get(request.url ?? '') ?? []), performance.now()]);
      request.resume().on('end', () => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { __typename: 'Query' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps a fixed number of callers busy and checks every answer (closed loop)', async () => {
    status = 200;
    const result = await generateLoad({ url, workload: 'trivial', context, mode: { kind: 'closed', concurrency: 4 }, durationMs: 200, firstIndex: 0, requestTimeoutMs: 5_000 });
    expect(result.outcomes.ok).toBe(result.sent);
    // Each caller went round more than once.
    expect(result.sent).toBeGreaterThan(4);
    expect(result.latenciesMs).toHaveLength(result.sent);
  });

  it('measures targets side by side: each from a generator of its own, at the same seconds, each charged its own CPU', { timeout: 30_000 }, async () => {
    status = 200;
    await using stack = new AsyncDisposableStack();
    const targets = ['/left', '/right'].map((path) => ({
      group: { name: 'gateway', pids: async () => [process.pid] },
      generator: stack.use(startLoadGenerator()),
      job: { url: url.replace('/graphql', path), workload: 'trivial' as const, context, mode: { kind: 'closed' as const, concurrency: 2 }, durationMs: 1_000, firstIndex: 0, requestTimeoutMs: 5_000 },
    }));
    // Both generator processes up first, so that neither starts late because it was still loading.
    await Promise.all(targets.map(({ generator, job }) => generator.run({ ...job, durationMs: 50 })));
    for (const path of ['/left', '/right']) arrivals.delete(path);
    const measurements = await measureSideBySide(targets);
    for (const measurement of measurements) {
      expect(measurement.load.sent).toBeGreaterThan(2);
      expect(measurement.load.outcomes.ok).toBe(measurement.load.sent);
      expect(measurement.cpuSeconds.gateway).toBeGreaterThan(0);
    }
    const [left, right] = ['/left', '/right'].map((path) => arrivals.get(path)!);
    // Run one after the other, the first would have ended before the second began.
    expect(Math.max(left![0]!, right![0]!)).toBeLessThan(Math.min(left!.at(-1)!, right!.at(-1)!));
  });

  it('sends at the arrival rate whatever the answers, and counts shed requests apart (open loop)', async () => {
    status = 503;
    const result = await generateLoad({ url, workload: 'trivial', context, mode: { kind: 'open', ratePerSecond: 200, maxInFlight: 100 }, durationMs: 300, firstIndex: 0, requestTimeoutMs: 5_000 });
    expect(result.sent).toBe(60);
    expect(result.outcomes).toEqual({ ok: 0, partial: 0, shed: 60, error: 0 });
    expect(result.latenciesMs).toHaveLength(0);
  });

  /** Runs `script` as a benchmark script of its own (an ES module, stdin open): its output so far, its errors so far, and its exit code. */
  function runScript(script: string) {
    const folder = mkdtempSync(join(tmpdir(), 'citizen-graph-bench-script-'));
    writeFileSync(join(folder, 'benchmark.mjs'), script);
    const child = spawn(process.execPath, [join(folder, 'benchmark.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        rmSync(folder, { recursive: true, force: true });
        resolve(code);
      }),
    );
    return { child, exited, output: () => output, errors: () => errors };
  }

  /**
   * A benchmark of its own, once its load generator is sending to the test server; it prints the
   * generator's pid, then what became of its job. `catches`: it catches what its job throws, as
   * a script may; else, as bench/compare.ts does, it measures the job as a round and leaves what
   * it throws to the top of the run once its `await using` resources are disposed.
   */
  async function benchmarkUnderWay(options: { catches: boolean }) {
    status = 200;
    const sentBefore = received;
    const job = `{ url: ${JSON.stringify(url)}, workload: 'trivial', context: ${JSON.stringify({ ...context, citizens: citizens.slice(0, 5) })}, mode: { kind: 'closed', concurrency: 2 }, durationMs: 60_000, firstIndex: 0, requestTimeoutMs: 5_000 }`;
    const script = `
      import { startLoadGenerator } from ${JSON.stringify(new URL('./load/load-generator.ts', import.meta.url).href)};
      import { measureRound } from ${JSON.stringify(new URL('./measure.ts', import.meta.url).href)};
      const generator = startLoadGenerator();
      console.log('generator ' + generator.pid);
      ${
        options.catches
          ? `try {
        await generator.run(${job});
      } catch (error) {
        console.log('rejected: ' + error.message);
      } finally {
        await generator.close();
        console.log('closed');
      }`
          : `{
        await using stopping = { [Symbol.asyncDispose]: async () => { await generator.close(); console.log('closed'); } };
        // A round as the benchmarks measure it, the generator's memory sampled while it runs.
        await measureRound({ groups: [{ name: 'generator', pids: async () => [generator.pid] }], memoryOf: ['generator'], estateUrl: ${JSON.stringify(new URL(url).origin)}, generator, job: ${job} });
      }`
      }`;
    const benchmark = runScript(script);
    await expect.poll(() => received - sentBefore, { timeout: 15_000, interval: 50 }).toBeGreaterThan(10);
    return { ...benchmark, generatorPid: Number(/generator (\d+)/.exec(benchmark.output())?.[1]) };
  }

  it('stops when the benchmark is told to (SIGTERM): the job in progress rejects, and the generator process goes with it', { timeout: 30_000 }, async () => {
    const benchmark = await benchmarkUnderWay({ catches: true });
    benchmark.child.kill('SIGTERM');
    expect(await benchmark.exited).toBe(0);
    expect(benchmark.output()).toContain('rejected: stopped by SIGTERM');
    expect(benchmark.output()).toContain('closed');
    await expect.poll(() => isRunning(benchmark.generatorPid), { timeout: 10_000, interval: 50 }).toBe(false);
  });

  it('reports a stop (Ctrl-C) that reaches the top of the run in one line with the signal\'s exit code, after disposing what it started, not as a crash', { timeout: 30_000 }, async () => {
    const benchmark = await benchmarkUnderWay({ catches: false });
    benchmark.child.kill('SIGINT');
    expect(await benchmark.exited).toBe(130);
    expect(benchmark.output()).toContain('closed');
    expect(benchmark.errors().trim()).toBe('Benchmark stopped by SIGINT: everything it started has been stopped; no results written.');
    await expect.poll(() => isRunning(benchmark.generatorPid), { timeout: 10_000, interval: 50 }).toBe(false);
  });

  it('stops sending when the benchmark is killed outright (SIGKILL): the generator process exits on its own', { timeout: 30_000 }, async () => {
    const benchmark = await benchmarkUnderWay({ catches: true });
    benchmark.child.kill('SIGKILL');
    await benchmark.exited;
    await expect.poll(() => isRunning(benchmark.generatorPid), { timeout: 10_000, interval: 50 }).toBe(false);
  });

  it('stops a run told to stop while it prepares, before any load generator, once the step under way is done: what it started is disposed, and it ends with the signal\'s exit code', { timeout: 30_000 }, async () => {
    const script = `
      import { watchForStop } from ${JSON.stringify(new URL('./load/load-generator.ts', import.meta.url).href)};
      const stop = watchForStop();
      // So the test ends the step only once the signal has been handled.
      process.once('SIGTERM', () => console.log('signal seen'));
      await using started = { [Symbol.asyncDispose]: async () => console.log('disposed') };
      console.log('preparing');
      // A step under way, as PostgreSQL starting: it ends when the test says so.
      await new Promise((resolve) => process.stdin.once('data', resolve));
      stop.check();
      console.log('went on');
    `;
    const { child, exited, output, errors } = runScript(script);
    try {
      await expect.poll(output, { timeout: 15_000, interval: 20 }).toContain('preparing');
      child.kill('SIGTERM');
      await expect.poll(output, { timeout: 15_000, interval: 20 }).toContain('signal seen');
      // The step finishes after the signal: the run must not go on to the next.
      child.stdin!.end('done\n');
      expect(await exited).toBe(143);
      expect(output()).toContain('disposed');
      expect(output()).not.toContain('went on');
      expect(errors().trim()).toBe('Benchmark stopped by SIGTERM: everything it started has been stopped; no results written.');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('sends each request when it is due, so a slow rate adds nothing to the latency it reports (open loop)', async () => {
    status = 200;
    // At 4/s a request sent one interval late would report 250 ms more than the answer took.
    const result = await generateLoad({ url, workload: 'trivial', context, mode: { kind: 'open', ratePerSecond: 4, maxInFlight: 10 }, durationMs: 1_000, firstIndex: 0, requestTimeoutMs: 5_000 });
    expect(result.sent).toBe(4);
    expect(result.outcomes.ok).toBe(4);
    expect(Math.max(...result.latenciesMs)).toBeLessThan(200);
  });
});
