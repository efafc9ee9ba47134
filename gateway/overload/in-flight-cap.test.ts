import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetryLaterError } from '../../platform/errors/index.ts';
import { createMetrics } from '../../platform/metrics/index.ts';
import { createInFlightCap, type InFlightCap } from './in-flight-cap.ts';

type Release = () => void;

/** The event loop's utilisation as the test sets it, and how many windows have read it. */
function loop(initial: number) {
  const state = { busy: initial, windows: 0 };
  return {
    state,
    utilisation: () => {
      state.windows += 1;
      return state.busy;
    },
  };
}

const caps: InFlightCap[] = [];
afterEach(() => {
  for (const cap of caps.splice(0)) cap.close();
});

function cap(options: { max: number; maxExecuting?: number; longRequestMs?: number; maxWaitMs?: number; utilisation: () => number }) {
  const metrics = createMetrics();
  const created = createInFlightCap({ windowMs: 2, busyUtilisation: 0.9, retryAfterSeconds: 2, maxWaitMs: 10_000, maxExecuting: options.max, longRequestMs: 60_000, metrics, ...options });
  caps.push(created);
  return { ...created, metrics };
}

async function refusals(metrics: ReturnType<typeof createMetrics>): Promise<number> {
  const metric = await metrics.registry.getSingleMetricAsString('citizen_graph_load_refusals_total');
  return Number(/code="OVERLOADED"\} (\d+)/.exec(metric)?.[1] ?? 0);
}

async function inFlight(metrics: ReturnType<typeof createMetrics>): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetricAsString('citizen_graph_requests_in_flight');
  return Object.fromEntries([...metric.matchAll(/state="(\w+)"\} (\d+)/g)].map(([, state, count]) => [state, Number(count)]));
}

/** Settles to 'waiting' while the promise is still pending. */
async function state<T>(promise: Promise<T>): Promise<T | 'waiting'> {
  return Promise.race([promise, new Promise<'waiting'>((resolve) => setImmediate(() => resolve('waiting')))]);
}

/** Waits until at least `count` more windows have read the event loop's utilisation. */
async function busyFor(windows: { windows: number }, count: number): Promise<void> {
  const from = windows.windows;
  await vi.waitFor(() => expect(windows.windows - from).toBeGreaterThanOrEqual(count), { timeout: 2_000, interval: 2 });
}

describe('the cap on requests in flight', () => {
  it('admits up to its maximum at once while the process is not CPU-bound, however long the requests take, and sheds past it at once', async () => {
    const { state: windows, utilisation } = loop(0.1);
    const { admit, metrics } = cap({ max: 3, utilisation });
    await busyFor(windows, 3);
    const releases = [admit(), admit(), admit()];
    expect(releases.every((release) => typeof release === 'function')).toBe(true);
    expect(() => admit()).toThrow(RetryLaterError);
    expect(await refusals(metrics)).toBe(1);
    (releases[0] as Release)();
    expect(typeof admit()).toBe('function');
  });

  it('while CPU-bound lets fewer execute, and the rest go on first come first served as others finish', async () => {
    const { state: windows, utilisation } = loop(0.6);
    const { admit } = cap({ max: 8, utilisation });
    // Demand in calm windows raises the limit to its ceiling: all eight execute.
    const demand = await Promise.all(Array.from({ length: 8 }, () => admit()));
    for (const release of demand) (release as Release)();
    // Busy windows bring it down by a tenth each: 8 → 7 → 6 → 5 → 4.
    windows.busy = 1;
    await busyFor(windows, 5);
    const executing = Array.from({ length: 4 }, () => admit());
    expect(executing.every((release) => typeof release === 'function')).toBe(true);
    const first = admit() as Promise<Release>;
    const second = admit() as Promise<Release>;
    expect(first).toBeInstanceOf(Promise);
    expect(await state(first)).toBe('waiting');

    (executing[0] as Release)();
    expect(typeof (await state(first))).toBe('function');
    expect(await state(second)).toBe('waiting');

    // Calm again: the limit climbs back and the one still waiting goes on without anyone finishing.
    windows.busy = 0.2;
    expect(typeof (await second)).toBe('function');
  });

  it('sheds a request that waited its longest with OVERLOADED and Retry-After, and counts waiting requests towards the maximum', async () => {
    const { state: windows, utilisation } = loop(1);
    const { admit, metrics } = cap({ max: 6, maxWaitMs: 30, utilisation });
    await busyFor(windows, 5);
    for (let i = 0; i < 4; i += 1) expect(typeof admit()).toBe('function');
    const waited = admit() as Promise<Release>;
    const alsoWaited = admit() as Promise<Release>;
    expect(() => admit(), 'four executing and two waiting fill the six places').toThrow(RetryLaterError);
    for (const refused of await Promise.allSettled([waited, alsoWaited])) {
      expect(refused.status).toBe('rejected');
      const error = (refused as PromiseRejectedResult).reason as RetryLaterError;
      expect(error).toBeInstanceOf(RetryLaterError);
      expect(error.code).toBe('OVERLOADED');
      expect(error.retryAfterSeconds).toBe(2);
    }
    expect(await refusals(metrics)).toBe(3);
    // Their places are free again: the next one waits too, and is shed in its turn.
    const next = admit();
    expect(next).toBeInstanceOf(Promise);
    await expect(next).rejects.toThrow(RetryLaterError);
  });

  it('stops counting a request executing past the long-request time as executing, so requests waiting on a hung system leave the others their places', async () => {
    // Calm, but not idle enough for the limit to pass its ceiling: only the long-request time frees places.
    const { utilisation } = loop(0.6);
    const { admit, metrics } = cap({ max: 6, maxExecuting: 2, longRequestMs: 30, utilisation });
    const hung = [admit(), admit()];
    expect(hung.every((release) => typeof release === 'function')).toBe(true);
    const next = admit();
    expect(next, 'two execute at most: the third waits').toBeInstanceOf(Promise);
    // Neither hung request has finished; as they run long the third and then a fourth go on.
    const third = await next;
    expect(typeof third).toBe('function');
    const fourth = await admit();
    expect(typeof fourth, 'the two long ones no longer count as executing').toBe('function');
    expect(await inFlight(metrics), 'the metrics tell them apart').toEqual({ executing: 2, long: 2, waiting: 0 });
    const fifth = admit();
    expect(fifth, 'two executing again: the fifth waits').toBeInstanceOf(Promise);
    const sixth = admit();
    expect(() => admit(), 'six held in all (two long, two executing, two waiting) fill the maximum').toThrow(RetryLaterError);
    expect(await refusals(metrics)).toBe(1);
    // Releasing a long request frees its place under the maximum only, never an executing place.
    for (const release of [...hung, third, fourth]) (release as Release)();
    const [fifthRelease, sixthRelease] = await Promise.all([fifth, sixth]);
    expect(typeof fifthRelease).toBe('function');
    const seventh = admit();
    expect(seventh, 'fifth and sixth execute: the seventh waits').toBeInstanceOf(Promise);
    (fifthRelease as Release)();
    (sixthRelease as Release)();
    expect(typeof (await seventh)).toBe('function');
  });

  it('while its event loop idles with requests waiting, lets more execute than the ceiling, doubling up to the maximum, until a busy window', async () => {
    const { state: windows, utilisation } = loop(0.1);
    const { admit, metrics } = cap({ max: 12, maxExecuting: 4, utilisation });
    const held = Array.from({ length: 4 }, () => admit());
    expect(held.every((release) => typeof release === 'function'), 'four execute at once').toBe(true);
    // Four more than the ceiling arrive while the four hold their places without computing.
    const over = Array.from({ length: 4 }, () => admit() as Promise<Release>);
    expect(over[0]).toBeInstanceOf(Promise);
    const admitted = await Promise.all(over);
    expect(admitted.every((release) => typeof release === 'function'), 'an idle window doubles the limit to eight').toBe(true);
    expect(await inFlight(metrics)).toEqual({ executing: 8, long: 0, waiting: 0 });
    const more = Array.from({ length: 4 }, () => admit() as Promise<Release>);
    await Promise.all(more);
    expect(() => admit(), 'twelve execute; the maximum still sheds the thirteenth').toThrow(RetryLaterError);
    expect(await refusals(metrics)).toBe(1);

    // A busy window ends the stretch: the limit falls to 90% of the ceiling (at least four).
    windows.busy = 1;
    await busyFor(windows, 2);
    for (const release of [...held, ...admitted]) (release as Release)();
    const next = admit() as Promise<Release>;
    expect(next, 'four still execute, at the limit: the next waits').toBeInstanceOf(Promise);
    windows.busy = 0.6;
    await busyFor(windows, 2);
    expect(await state(next), 'a calm window that is not idle grows the limit no further than its ceiling').toBe('waiting');
    for (const release of await Promise.all(more)) release();
    expect(typeof (await next)).toBe('function');
  });

  it('starts at four executing (a process just started is slow), climbs to its ceiling only while requests wait their turn in calm windows, and holds where it is through quiet ones', async () => {
    // Driven window by window: exactly as many windows pass as the test advances.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { admit, close } = cap({ max: 64, utilisation: () => 0.6 });
    try {
      // Quiet windows, nobody waiting: a limit that climbed now would meet the next burst at the ceiling.
      vi.advanceTimersByTime(2 * 30);
      const first = Array.from({ length: 4 }, () => admit());
      expect(first.every((release) => typeof release === 'function'), 'four execute at once').toBe(true);
      const fifth = admit();
      expect(fifth, 'thirty quiet windows later, still no more than four at once').toBeInstanceOf(Promise);
      // Windows with a request waiting raise the limit by a quarter each: 4 → 5 → 7 → 9 → 12 → 15 → 19 → 24 → 30 → 38 → 48 → 60 → 64.
      vi.advanceTimersByTime(2);
      expect(typeof (await fifth), 'the fifth went on as the limit climbed').toBe('function');
      const pressing = Array.from({ length: 59 }, () => admit());
      vi.advanceTimersByTime(2 * 12);
      const admitted = await Promise.all(pressing);
      expect(admitted.every((release) => typeof release === 'function'), 'sixty-four execute once demand has raised it').toBe(true);
      expect(() => admit(), 'the maximum still sheds the sixty-fifth').toThrow(RetryLaterError);
    } finally {
      close();
      vi.useRealTimers();
    }
  });
});
