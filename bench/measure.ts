import { request } from 'undici';
import type { LoadGenerator, LoadJob, LoadResult } from './load/load-generator.ts';
import { cpuBetween, cpuByPid, machineCpu, peakRssBytes, proportionalBytes, type MachineCpu } from './proc.ts';

/**
 * One measured round: CPU of every group of processes read from /proc before and after, the
 * estate's call counters reset before and read after, the load run in between.
 */
export interface ProcessGroup {
  readonly name: string;
  /** Asked at the start and the end of each round: a group may gain processes (a new PostgreSQL backend). */
  pids(): Promise<readonly number[]>;
}

export interface RoundMeasurement {
  readonly load: LoadResult;
  /** CPU seconds each group spent during the round. */
  readonly cpuSeconds: Readonly<Record<string, number>>;
  /** Calls each legacy system served during the round. */
  readonly legacyCalls: Readonly<Record<string, number>>;
  /** The most memory each group named in `memoryOf` held at once during the round: its processes' Pss summed, sampled each second, in MiB. */
  readonly peakPssMiB: Readonly<Record<string, number>>;
  /** The whole machine's CPU during the round (every core, whatever ran on it), where /proc/stat can be read. */
  readonly machine?: MachineCpu;
}

const MEMORY_SAMPLE_MS = 1_000;

/** Samples each group's summed Pss until stopped; resolves with each group's highest sample. */
function sampleMemory(groups: readonly ProcessGroup[]): { stop(): Promise<Record<string, number>> } {
  if (groups.length === 0) return { stop: async () => ({}) };
  const peaks: Record<string, number> = Object.fromEntries(groups.map((group) => [group.name, 0]));
  const sample = async () => {
    for (const group of groups) {
      const bytes = (await group.pids()).reduce((total, pid) => total + (proportionalBytes(pid) ?? 0), 0);
      peaks[group.name] = Math.max(peaks[group.name]!, Math.round(bytes / 2 ** 20));
    }
  };
  let sampling = sample();
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, MEMORY_SAMPLE_MS);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      return peaks;
    },
  };
}

export async function resetLegacyStats(estateUrl: string): Promise<void> {
  await (await request(`${estateUrl}/__stats/reset`, { method: 'POST' })).body.dump();
}

export async function legacyStats(estateUrl: string): Promise<Record<string, number>> {
  const stats = (await (await request(`${estateUrl}/__stats`)).body.json()) as Record<string, { requests: number }>;
  return Object.fromEntries(Object.entries(stats).map(([system, { requests }]) => [system, requests]));
}

/** Each group's processes' CPU so far, by pid. */
function cpuOf(groups: readonly ProcessGroup[]): Promise<Array<Map<number, number>>> {
  return Promise.all(groups.map(async (group) => cpuByPid(await group.pids())));
}

/** Each group's CPU seconds since `before`, counting processes that started meanwhile (a new PostgreSQL backend). */
async function cpuSince(groups: readonly ProcessGroup[], before: ReadonlyArray<ReadonlyMap<number, number>>): Promise<Array<[string, number]>> {
  return Promise.all(groups.map(async (group, i) => [group.name, cpuBetween(before[i]!, cpuByPid([...new Set([...before[i]!.keys(), ...(await group.pids())])]))] as [string, number]));
}

/**
 * `memoryOf`: the groups whose memory the run reports. Only they are sampled: each sample
 * walks /proc and asks PostgreSQL for its backends, work the machine does beside the load.
 */
export async function measureRound(options: { groups: readonly ProcessGroup[]; memoryOf?: readonly string[]; estateUrl: string; generator: LoadGenerator; job: LoadJob }): Promise<RoundMeasurement> {
  await resetLegacyStats(options.estateUrl);
  const before = await cpuOf(options.groups);
  const machineBefore = machineCpu();
  const memory = sampleMemory(options.groups.filter((group) => options.memoryOf?.includes(group.name)));
  let load: LoadResult;
  let peakPssMiB: Record<string, number>;
  try {
    load = await options.generator.run(options.job);
  } finally {
    // However the job ends: a sampler left running would keep a stopped benchmark from exiting.
    peakPssMiB = await memory.stop();
  }
  const machineAfter = machineCpu();
  const cpuSeconds = Object.fromEntries(await cpuSince(options.groups, before));
  const machine = machineBefore && machineAfter ? { busySeconds: machineAfter.busySeconds - machineBefore.busySeconds, idleSeconds: machineAfter.idleSeconds - machineBefore.idleSeconds } : undefined;
  return { load, cpuSeconds, legacyCalls: await legacyStats(options.estateUrl), peakPssMiB, ...(machine ? { machine } : {}) };
}

/**
 * One round in which every target takes its load at the same seconds, each from a generator of
 * its own, so that a noisy neighbour weighs on all of them alike (interleaved rounds meet it at
 * different times). Only each target's own CPU is read: the processes they share serve them all.
 */
export async function measureSideBySide(targets: ReadonlyArray<{ readonly group: ProcessGroup; readonly generator: LoadGenerator; readonly job: LoadJob }>): Promise<RoundMeasurement[]> {
  const groups = targets.map(({ group }) => group);
  const before = await cpuOf(groups);
  const loads = await Promise.all(targets.map(({ generator, job }) => generator.run(job)));
  const cpu = await cpuSince(groups, before);
  return targets.map((_, i) => ({ load: loads[i]!, cpuSeconds: Object.fromEntries([cpu[i]!]), legacyCalls: {}, peakPssMiB: {} }));
}

/** Peak resident memory of every process of every group, in MiB. */
export async function peakMemory(groups: readonly ProcessGroup[]): Promise<Array<{ group: string; pid: number; peakMiB: number }>> {
  const rows = [];
  for (const group of groups) {
    for (const pid of await group.pids()) {
      const bytes = peakRssBytes(pid);
      if (bytes !== undefined) rows.push({ group: group.name, pid, peakMiB: Math.round(bytes / 2 ** 20) });
    }
  }
  return rows;
}
