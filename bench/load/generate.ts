import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { judge, requestAt, schedule, type Outcome, type WorkloadContext, type WorkloadName } from '../workloads.ts';

/**
 * Drives one workload at a gateway and judges every answer. Two disciplines:
 * - closed loop: a fixed number of callers, each sending its next request when the last
 *   answers; the right tool for efficiency (how much work per CPU-second at saturation);
 * - open loop: requests at a fixed arrival rate whatever the answers do, latency counted
 *   from when each request was due, so a stalled system cannot hide its queue
 *   (no coordinated omission); the right tool for capacity.
 */
export type LoadMode = { readonly kind: 'closed'; readonly concurrency: number } | { readonly kind: 'open'; readonly ratePerSecond: number; readonly maxInFlight: number };

export interface LoadJob {
  /** The gateway's GraphQL endpoint. */
  readonly url: string;
  readonly workload: WorkloadName;
  readonly context: WorkloadContext;
  readonly mode: LoadMode;
  readonly durationMs: number;
  /** Index of the first request, so successive rounds move on to new citizens. */
  readonly firstIndex: number;
  /** Give up on one answer after this long (counted as an error). */
  readonly requestTimeoutMs: number;
}

export interface LoadResult {
  readonly sent: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
  /** Why answers were not `ok`, with counts; at most a handful of reasons. */
  readonly reasons: Readonly<Record<string, number>>;
  /** The first message seen for each reason, when the answer gave one. */
  readonly examples: Readonly<Record<string, string>>;
  /** Every admitted answer (not shed), from when it was due to when its body had arrived, in ms, in order of arrival. */
  readonly latenciesMs: readonly number[];
  /** From the first request to the last answer. */
  readonly elapsedSeconds: number;
}

export async function generateLoad(job: LoadJob): Promise<LoadResult> {
  const target = new URL(job.url);
  const connections = job.mode.kind === 'closed' ? job.mode.concurrency : job.mode.maxInFlight;
  const pool = new Pool(target.origin, { connections, pipelining: 1, headersTimeout: job.requestTimeoutMs, bodyTimeout: job.requestTimeoutMs });
  const cycle = schedule(job.workload);
  const outcomes: Record<Outcome, number> = { ok: 0, partial: 0, shed: 0, error: 0 };
  const reasons: Record<string, number> = {};
  const examples: Record<string, string> = {};
  const latencies: number[] = [];
  let next = job.firstIndex;

  const record = (outcome: Outcome, reason: string | undefined, dueAt: number, detail?: string) => {
    outcomes[outcome]++;
    if (reason !== undefined) reasons[reason] = (reasons[reason] ?? 0) + 1;
    if (reason !== undefined && detail !== undefined) examples[reason] ??= detail;
    if (outcome !== 'shed') latencies.push(performance.now() - dueAt);
  };

  const send = async (index: number, dueAt: number) => {
    const request = requestAt(job.workload, cycle, job.context, index);
    try {
      const response = await pool.request({ path: target.pathname, method: 'POST', headers: request.headers, body: request.body });
      const body = await response.body.text();
      const verdict = judge(request.operation, job.context.citizens[request.citizen]!, response.statusCode, body);
      record(verdict.outcome, verdict.reason, dueAt, verdict.detail);
    } catch (error) {
      record('error', (error as { code?: string }).code ?? 'request failed', dueAt, (error as Error).message);
    }
  };

  const started = performance.now();
  const deadline = started + job.durationMs;
  if (job.mode.kind === 'closed') {
    await Promise.all(
      Array.from({ length: job.mode.concurrency }, async () => {
        while (performance.now() < deadline) await send(next++, performance.now());
      }),
    );
  } else {
    const { ratePerSecond, maxInFlight } = job.mode;
    const inFlight = new Set<Promise<void>>();
    // Request i is due at i / rate, the first at once; the epsilon keeps float error from losing the last one.
    const total = Math.floor((job.durationMs / 1000) * ratePerSecond + 1e-6);
    let issued = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - started) / 1000) * ratePerSecond + 1e-6) + 1);
        for (; issued < due; issued++) {
          const dueAt = started + (issued / ratePerSecond) * 1000;
          if (inFlight.size >= maxInFlight) {
            record('error', 'generator: too many in flight', dueAt);
            continue;
          }
          const request = send(next++, dueAt).finally(() => inFlight.delete(request));
          inFlight.add(request);
        }
        if (issued >= total && now >= deadline) return resolve();
        // Wake when the next request is due (or the run ends), not every millisecond: a
        // generator polling at 1 kHz spends the CPU the system under test is measured on.
        const wakeAt = issued < total ? started + (issued / ratePerSecond) * 1000 : deadline;
        setTimeout(tick, Math.max(0, wakeAt - performance.now()));
      };
      tick();
    });
    await Promise.all(inFlight);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  await pool.close();
  return { sent: next - job.firstIndex, outcomes, reasons, examples, latenciesMs: latencies, elapsedSeconds };
}
