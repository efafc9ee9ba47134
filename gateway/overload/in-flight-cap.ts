import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { RetryLaterError } from '../../platform/errors/index.ts';
import type { Admit } from '../../platform/http/graphql.ts';
import type { Metrics } from '../../platform/metrics/index.ts';

export interface InFlightCapOptions {
  /** Most GraphQL requests in this process at once, executing, long-running or waiting; past it a request is shed at once. */
  readonly max: number;
  /** Most requests executing at once (at most `max`) while the event loop is not idle; the limit that follows the CPU stays at or below it then. */
  readonly maxExecuting: number;
  /** A request executing this long is taken to be waiting on a slow system and stops counting as executing. */
  readonly longRequestMs: number;
  /** Longest a request waits for the busy process to take it before it is shed. */
  readonly maxWaitMs: number;
  /** A window whose event loop was at least this busy (0-1) lowers the executing limit. */
  readonly busyUtilisation: number;
  /** How often the event loop's utilisation is read and the executing limit moved. */
  readonly windowMs: number;
  /** Sent as `Retry-After` with each shed request. */
  readonly retryAfterSeconds: number;
  readonly metrics: Metrics;
  /** The share of the last window the event loop was busy (0-1); this process's own by default. */
  readonly utilisation?: () => number;
}

export interface InFlightCap {
  readonly admit: Admit;
  close(): void;
}

/** The limit never falls below this: a busy process still serves someone. */
const MIN_EXECUTING = 4;
/**
 * Where the limit starts (at most the ceiling): a process just started runs cold code, several
 * times slower than warm, and a burst admitted at the ceiling shared the CPU so thinly that every
 * admitted answer took seconds. Calm windows with requests waiting their turn raise it by a
 * quarter each (4 to 64 in about 1.2 s); quiet ones leave it where it is.
 */
const INITIAL_EXECUTING = 4;

/**
 * A window whose event loop was busy for less than this share of `busyUtilisation` is idle. A
 * process near capacity runs well above it (a worker of `npm start` at 60-70% when the
 * machine's cores are full), so only a process with spare CPU admits past the ceiling.
 */
const IDLE_SHARE_OF_BUSY = 0.5;

/** This thread's event-loop utilisation since the previous call. */
function eventLoopUtilisation(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(now, last);
    last = now;
    return window.utilization;
  };
}

/**
 * Admission by what the process can do, not only by how many requests it holds. A request
 * counting past `max` is shed at once (503 OVERLOADED), before its body is read. Below that,
 * requests execute up to a limit that follows the CPU: it starts low (a process just started
 * is slow), each window the event loop spent at least `busyUtilisation` busy cuts it by a
 * tenth, each calmer one in which a request had to wait its turn raises it again, up to
 * `maxExecuting` (a quiet one leaves it: a limit that climbed while nobody pressed on it would
 * meet the next burst wide open). A request over the limit
 * waits, first come first served, for at most `maxWaitMs`, then is shed. An admitted request
 * so shares the CPU with fewer others, and its answer stays prompt when more arrive than the
 * process can serve, instead of every answer slowing together.
 *
 * A request still executing after `longRequestMs` stops counting as executing (it still counts
 * towards `max`). Past capacity the limit keeps admitted answers well under that time, so one
 * that takes it is waiting, not computing: on a hung legacy system, until its deadline. Left
 * in the count, those would fill the places and turn one system's hang into 503s for requests
 * that never touch it. Before that time, the same is told by an idle event loop with requests
 * waiting their turn: the limit then doubles past `maxExecuting` (up to `max`) until a busy
 * window brings it back.
 */
export function createInFlightCap(options: InFlightCapOptions): InFlightCap {
  const utilisation = options.utilisation ?? eventLoopUtilisation();
  const ceiling = Math.min(options.maxExecuting, options.max);
  let limit = Math.min(ceiling, INITIAL_EXECUTING);
  let executing = 0;
  let long = 0;
  /** Whether a request had to wait its turn since the last window: the limit, not the CPU, held it back. */
  let pressed = false;
  const waiting: Array<{ admit: (release: () => void) => void; timer: NodeJS.Timeout }> = [];
  const refuse = () => {
    options.metrics.countLoadRefusal('OVERLOADED');
    return new RetryLaterError('OVERLOADED', `The service is at capacity; retry in ${options.retryAfterSeconds} s.`, options.retryAfterSeconds);
  };
  options.metrics.showRequestsInFlight(() => ({ executing, long, waiting: waiting.length }));
  /** Counts one more executing request; the function returned releases its place. */
  function start(): () => void {
    executing += 1;
    let counted: 'executing' | 'long' = 'executing';
    const becomesLong = setTimeout(() => {
      executing -= 1;
      long += 1;
      counted = 'long';
      startWaiting();
    }, options.longRequestMs);
    becomesLong.unref();
    return () => {
      clearTimeout(becomesLong);
      if (counted === 'long') long -= 1;
      else executing -= 1;
      startWaiting();
    };
  }
  function startWaiting(): void {
    while (waiting.length > 0 && executing < limit) {
      const next = waiting.shift()!;
      clearTimeout(next.timer);
      next.admit(start());
    }
  }
  const window = setInterval(() => {
    const busy = utilisation();
    // A busy window also ends any stretch past the ceiling at once.
    if (busy >= options.busyUtilisation) limit = Math.max(MIN_EXECUTING, Math.floor(Math.min(limit, ceiling) * 0.9));
    // Requests waiting while the loop idles wait for places held by requests that are not
    // computing (on a legacy system that has stopped answering, before their long-request time
    // or their system's breaker frees them): the limit goes to the ceiling at once, and past
    // it doubles, up to `max`.
    else if (waiting.length > 0 && busy < options.busyUtilisation * IDLE_SHARE_OF_BUSY) limit = Math.min(options.max, Math.max(ceiling, limit * 2));
    // Only demand raises it: a limit that climbed through quiet windows would meet the next
    // burst at the ceiling, admitting more at once than the CPU can answer promptly.
    else if (limit < ceiling && pressed) limit = Math.min(ceiling, limit + Math.max(1, Math.ceil(limit / 4)));
    pressed = waiting.length > 0;
    startWaiting();
  }, options.windowMs);
  window.unref();

  const admit: Admit = () => {
    if (executing + long + waiting.length >= options.max) throw refuse();
    if (waiting.length === 0 && executing < limit) return start();
    pressed = true;
    return new Promise<() => void>((resolve, reject) => {
      const entry = {
        admit: (release: () => void) => resolve(release),
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(refuse());
        }, options.maxWaitMs),
      };
      waiting.push(entry);
    });
  };
  return { admit, close: () => clearInterval(window) };
}
