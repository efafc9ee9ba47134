import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/**
 * What Linux says about a process, read from /proc: CPU time spent (user + system) and
 * peak resident memory. Reads return undefined for a process that has gone, so a round
 * never fails because a PostgreSQL backend exited in the middle of it.
 */

/** Clock ticks per second that /proc/<pid>/stat counts in; 100 on every mainstream kernel. */
const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
}

/** utime + stime of a /proc/<pid>/stat line, in seconds. */
export function parseCpuSeconds(statLine: string): number {
  const fields = statFields(statLine);
  // Fields 14 and 15 of stat(5); the slice starts at field 3 (state).
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Parent pid of a /proc/<pid>/stat line. */
export function parseParentPid(statLine: string): number {
  return Number(statFields(statLine)[1]);
}

/** VmHWM (peak resident set) of a /proc/<pid>/status text, in bytes. */
export function parsePeakRssBytes(statusText: string): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Pss (proportional set size) of a /proc/<pid>/smaps_rollup text, in bytes: the process's own
 * resident pages plus its share of those it shares. Summed over processes it counts each page
 * once, where summed RSS counts the Node binary and the cluster's shared pages once per process.
 */
export function parseProportionalBytes(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** The whole machine's CPU time since boot, every core together: idle includes waiting for I/O, busy is all the rest. */
export interface MachineCpu {
  readonly busySeconds: number;
  readonly idleSeconds: number;
}

/** The first (`cpu`, all cores) line of a /proc/stat text; undefined when there is none. */
export function parseMachineCpu(procStat: string): MachineCpu | undefined {
  const line = /^cpu\s+([\d ]+)$/m.exec(procStat)?.[1];
  if (line === undefined) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busySeconds: busy / CLOCK_TICKS, idleSeconds: (idle + iowait) / CLOCK_TICKS };
}

/** A file under /proc; undefined once the process it describes has gone, or where there is no /proc. */
function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(`/proc/${path}`, 'utf8');
  } catch {
    return undefined;
  }
}

const readProc = (pid: number, file: string): string | undefined => readProcFile(`${pid}/${file}`);

export function machineCpu(): MachineCpu | undefined {
  const stat = readProcFile('stat');
  return stat === undefined ? undefined : parseMachineCpu(stat);
}

export function cpuSeconds(pid: number): number | undefined {
  const stat = readProc(pid, 'stat');
  return stat === undefined ? undefined : parseCpuSeconds(stat);
}

export function peakRssBytes(pid: number): number | undefined {
  const status = readProc(pid, 'status');
  return status === undefined ? undefined : parsePeakRssBytes(status);
}

export function proportionalBytes(pid: number): number | undefined {
  const rollup = readProc(pid, 'smaps_rollup');
  return rollup === undefined ? undefined : parseProportionalBytes(rollup);
}

/** `root` and every process below it, for a component that may fork workers of its own. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(Number(name), 'stat');
    if (stat === undefined) continue;
    const parent = parseParentPid(stat);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  if (readProc(root, 'stat') !== undefined) visit(root);
  return tree;
}

/** A process's arguments after the executable, e.g. `['bin/start.ts', 'estate']`; empty once it has gone. */
export function processArguments(pid: number): string[] {
  return (readProc(pid, 'cmdline') ?? '').split('\0').filter(Boolean).slice(1);
}

/** Total CPU seconds of a set of processes; each pid's reading is kept so a round can subtract per pid. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  const readings = new Map<number, number>();
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds !== undefined) readings.set(pid, seconds);
  }
  return readings;
}

/**
 * CPU spent between two readings. A process that appeared after `before` counts from zero
 * (its whole life falls inside the round); one that vanished is lost, and the caller should
 * say so if it matters.
 */
export function cpuBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: kernelVersion(),
  };
}

function kernelVersion(): string {
  try {
    return readFileSync('/proc/version', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
