import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { BrokenCircuitError, circuitBreaker, CircuitState, CountBreaker, ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { LegacyError } from '../errors/index.ts';
import type { LegacySystemConfig } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { timeoutSignal, type Deadline } from './deadline.ts';
import type { LegacyCallOutcome } from '../metrics/index.ts';
import { codeOf, describeFailure, LegacyStatusError, DeadlineExceededError, parseRetryAfter, type FailureDescription } from './legacy-failure.ts';
import type { BreakerBoard } from './breaker-board.ts';
import { legacyOperation } from './legacy-operation.ts';
import { SPAN_ATTRIBUTES, TRACING_OFF, type Span, type Tracing } from '../tracing/index.ts';
import type { SharedReads } from './shared-reads.ts';

export interface LegacyRequest {
  readonly method: 'GET' | 'POST';
  /** Path below the system's base URL, e.g. `/v1/persons/enquiry`. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** HTTP statuses the caller interprets itself (a SOAP fault, a 404 meaning "no record"). */
  readonly acceptStatuses?: readonly number[];
}

export interface LegacyResponse {
  readonly statusCode: number;
  readonly body: string;
}

/** What a legacy call needs to know about the request it serves. */
export interface LegacyCallScope {
  readonly requestId: string;
  readonly deadline: Deadline;
  /** Cancels the calls early, e.g. a worker shutting down; treated as the deadline passing. */
  readonly signal?: AbortSignal;
  /** The answers this request's other subgraphs in this process have had, to ask each system an identical read once. */
  readonly sharedReads?: SharedReads;
}

/** A legacy system as one request sees it: every call bounded by that request's deadline. */
export interface LegacyReader {
  readonly system: LegacySystemConfig['name'];
  /**
   * One read and the `parse` of its answer, as a single call: whatever fails in either (the
   * connection, a timeout, an error status, a SOAP fault, a payload that fails its schema) is
   * counted by the breaker and the metrics, logged once, and thrown as a LegacyError naming the
   * system. `parse` throws for an answer that is a failure and returns for one that is not,
   * "no record" included. Reads only: every legacy operation we call is a look-up, so one retry
   * of a dropped connection is safe.
   */
  read<T>(request: LegacyRequest, parse: (response: LegacyResponse) => T): Promise<T>;
  /**
   * One write, counted, logged and mapped like a read, but never retried: a write whose
   * connection dropped may have been applied, and only the caller can find out (by asking the
   * system's history) before sending it again.
   */
  write<T>(request: LegacyRequest, parse: (response: LegacyResponse) => T): Promise<T>;
}

export interface LegacyClient {
  readonly system: LegacySystemConfig['name'];
  /** This system as seen by one request. Cheap: call it for every request. */
  forRequest(scope: LegacyCallScope): LegacyReader;
  close(): Promise<void>;
}

export interface LegacyClientOptions {
  /** Where this client's breaker is shown (the readiness body, metrics). */
  readonly breakers?: BreakerBoard;
  /** Told the outcome and duration of every call (metrics). */
  readonly observe?: (system: string, outcome: LegacyCallOutcome, seconds: number) => void;
  /** Told of every read answered from an identical read of the same request: a call not made (metrics). */
  readonly observeShared?: (system: string) => void;
  /** Where each failed call is logged, once. */
  readonly logger?: Logger;
  /** Each call runs in a span (system, operation, outcome) whose W3C trace context goes to the legacy system. Default: off. */
  readonly tracing?: Tracing;
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** Failures worth one more try: the connection dropped before an answer, or the system said 502-504. */
const RETRYABLE_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

function isRetryable(error: unknown): boolean {
  if (error instanceof LegacyStatusError) return error.statusCode >= 502 && error.statusCode <= 504;
  const code = codeOf(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * Whether a failed call is evidence against the system. A call our own deadline cut short
 * is not, unless the system had already had `slowCallMs` to answer: under overload, calls
 * start late with little budget left, and blaming the system for that would open its breaker
 * and turn our slowness into its outage. A hung system still opens it, by its slow calls.
 */
function countsAgainstSystem(error: unknown): boolean {
  if (error instanceof LegacyError) return error.code !== 'LEGACY_WRITE_REFUSED';
  // A rate limit is about our pace, not the system's health.
  if (error instanceof LegacyStatusError) return error.statusCode !== 429;
  return !(error instanceof DeadlineExceededError) || error.slow;
}

/**
 * One keep-alive undici pool per legacy system, with its configured connect/headers/body
 * timeouts, each call further bounded by its request's deadline, one retry of a dropped read (never of a write),
 * and a circuit breaker: it opens when the failure rate over a sliding window of calls passes
 * its threshold (so a system failing some calls still answers the rest), then lets a single
 * probe through to close again. Every failure surfaces as a LegacyError naming the system only.
 */
export function createLegacyClient(config: LegacySystemConfig, options: LegacyClientOptions = {}): LegacyClient {
  const base = new URL(config.baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const pool = new Pool(base.origin, {
    connections: config.connections,
    connectTimeout: config.connectTimeoutMs,
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
    keepAliveTimeout: 30_000,
  });
  // Only a probe that succeeds may close the breaker: cockatiel counts an error its filter
  // ignores as a half-open success, so while half-open every failure counts.
  const breaker = circuitBreaker(handleWhen((error) => breaker.state === CircuitState.HalfOpen || countsAgainstSystem(error)), {
    halfOpenAfter: config.breaker.halfOpenAfterMs,
    breaker: new CountBreaker({
      threshold: config.breaker.failureRate,
      size: config.breaker.windowCalls,
      minimumNumberOfCalls: Math.min(config.breaker.minCalls, config.breaker.windowCalls),
    }),
  });
  const retryOnce = retry(handleWhen(isRetryable), { maxAttempts: 1, backoff: new ExponentialBackoff({ initialDelay: 10, maxDelay: 50 }) });
  const logger = options.logger?.child({ system: config.name });
  breaker.onBreak(() => logger?.warn('legacy breaker opened: calls fail fast until a probe succeeds'));
  breaker.onReset(() => logger?.info('legacy breaker closed'));
  options.breakers?.watch(config.name, () => breaker.state);
  const tracing = options.tracing ?? TRACING_OFF;
  const spanName = `legacy ${config.name}`;

  async function once(request: LegacyRequest, signal: AbortSignal): Promise<LegacyResponse> {
    const response = await pool.request({
      method: request.method,
      path: basePath + request.path,
      headers: tracing.withTraceContext(request.headers ?? NO_HEADERS),
      body: request.body,
      signal,
    });
    const body = await response.body.text();
    const accepted = request.acceptStatuses?.includes(response.statusCode) ?? false;
    if (!accepted && (response.statusCode < 200 || response.statusCode >= 300)) {
      throw new LegacyStatusError(response.statusCode, parseRetryAfter(response.headers['retry-after'], Date.now()));
    }
    return { statusCode: response.statusCode, body };
  }

  function forRequest(scope: LegacyCallScope): LegacyReader {
    function fail(error: unknown, started: number, span: Span): LegacyError {
      const seconds = (performance.now() - started) / 1000;
      const failure = describeFailure(error);
      options.observe?.(config.name, failure.outcome, seconds);
      span.setAttribute(SPAN_ATTRIBUTES.outcome, failure.outcome);
      return logged(error, failure, seconds);
    }

    function logged(error: unknown, failure: FailureDescription, seconds: number): LegacyError {
      logger?.warn({ requestId: scope.requestId, code: failure.code, cause: failure.cause, ...failure.detail, ms: Math.round(seconds * 1000) }, 'legacy call failed');
      if (error instanceof LegacyError) return error;
      const retryAfterMs = error instanceof LegacyStatusError ? error.retryAfterMs : undefined;
      const notAsked = error instanceof DeadlineExceededError && !error.asked;
      return new LegacyError(failure.code, config.name, { cause: error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(notAsked ? { notAsked } : {}) });
    }

    /** `send` makes the attempt(s): reads get one retry of a dropped connection, writes none. One span per call, however many attempts. */
    function call<T>(request: LegacyRequest, parse: (response: LegacyResponse) => T, send: (signal: AbortSignal) => Promise<LegacyResponse>): Promise<T> {
      return tracing.inSpan(spanName, { kind: 'client' }, async (span) => {
        if (span.isRecording()) {
          span.setAttributes({ [SPAN_ATTRIBUTES.legacySystem]: config.name, [SPAN_ATTRIBUTES.legacyOperation]: legacyOperation(request), [SPAN_ATTRIBUTES.requestId]: scope.requestId });
        }
        const started = performance.now();
        const budgetMs = Math.floor(scope.deadline.remainingMs() - config.deadlineMarginMs);
        // Nothing left to spend: fail at once, without reaching the system or its breaker.
        if (budgetMs <= 0 || scope.signal?.aborted) throw fail(new DeadlineExceededError(false, false), started, span);
        // Half-open means a single probe is in flight; cockatiel would queue this call behind it.
        if (breaker.state === CircuitState.HalfOpen) throw fail(new BrokenCircuitError(), started, span);
        const timeout = timeoutSignal(budgetMs, scope.signal);
        const signal = timeout.signal;
        try {
          const value = await breaker.execute(async () => {
            try {
              return parse(await send(signal));
            } catch (error) {
              if (signal.aborted) throw new DeadlineExceededError(performance.now() - started >= config.slowCallMs);
              throw error;
            }
          });
          options.observe?.(config.name, 'ok', (performance.now() - started) / 1000);
          span.setAttribute(SPAN_ATTRIBUTES.outcome, 'ok');
          return value;
        } catch (error) {
          throw fail(error, started, span);
        } finally {
          timeout.clear();
        }
      });
    }

    /**
     * A read another subgraph of this request already made: its answer, parsed by this caller.
     * Not a call, so neither the breaker nor the call metrics count it; the call it shares was
     * counted, and its failure logged, once. An answer this caller cannot use is its own failure.
     */
    async function parseShared<T>(answer: Promise<LegacyResponse>, parse: (response: LegacyResponse) => T): Promise<T> {
      const response = await answer;
      try {
        return parse(response);
      } catch (error) {
        throw logged(error, describeFailure(error), 0);
      }
    }

    function read<T>(request: LegacyRequest, parse: (response: LegacyResponse) => T): Promise<T> {
      const send = (signal: AbortSignal) => retryOnce.execute(() => once(request, signal), signal);
      const shared = scope.sharedReads;
      if (!shared) return call(request, parse, send);
      const claimed = shared.claim(config.name, request);
      if (claimed.earlier) {
        options.observeShared?.(config.name);
        return parseShared(claimed.earlier, parse);
      }
      return call(request, parse, async (signal) => {
        const response = await send(signal);
        claimed.resolve(response);
        return response;
      }).catch((error: unknown) => {
        // A no-op once the answer arrived: only this caller's parse failed, and the others parse for themselves.
        claimed.reject(error);
        throw error;
      });
    }

    return {
      system: config.name,
      read,
      write: (request, parse) => {
        scope.sharedReads?.forget();
        return call(request, parse, (signal) => once(request, signal));
      },
    };
  }

  return { system: config.name, forRequest, close: () => pool.close() };
}
