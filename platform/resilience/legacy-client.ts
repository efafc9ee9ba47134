import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, retry, wrap, BrokenCircuitError } from 'cockatiel';
import { LegacyError } from '../errors/index.ts';
import type { LegacySystemConfig } from '../config/index.ts';
import type { BreakerBoard } from './breaker-board.ts';

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

export interface LegacyClient {
  readonly system: string;
  /** Reads only: every legacy operation we call is a look-up, so one retry is safe. */
  read(request: LegacyRequest): Promise<LegacyResponse>;
  close(): Promise<void>;
}

export interface LegacyClientOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  readonly breakerThreshold?: number;
  /** How long an open breaker fails fast before letting one call through. Default 5000 ms. */
  readonly breakerHalfOpenAfterMs?: number;
  /** Where this client's breaker is shown (the readiness body). */
  readonly breakers?: BreakerBoard;
  /** Told the outcome and duration of every call (metrics). */
  readonly observe?: (system: string, outcome: 'ok' | 'timeout' | 'unavailable', seconds: number) => void;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Failures worth one more try: the connection dropped before an answer, or the system said 502-504. */
const RETRYABLE_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** A failed status from the legacy system, kept as the `cause` of a LegacyError. */
class LegacyStatusError extends Error {
  readonly statusCode: number;

  constructor(statusCode: number) {
    super(`legacy system answered HTTP ${statusCode}`);
    this.statusCode = statusCode;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof LegacyStatusError) return error.statusCode >= 502 && error.statusCode <= 504;
  const code = errorCode(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * One keep-alive undici pool per legacy system, with explicit connect/headers/body timeouts,
 * one retry of a dropped read, and a circuit breaker so a dead system fails fast instead of
 * tying up every request. Every failure surfaces as a LegacyError naming the system only.
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
  const breaker = circuitBreaker(handleWhen((error) => !(error instanceof BrokenCircuitError)), {
    halfOpenAfter: options.breakerHalfOpenAfterMs ?? 5_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  options.breakers?.watch(config.name, () => breaker.state);
  const policy = wrap(
    breaker,
    retry(handleWhen(isRetryable), { maxAttempts: 1, backoff: new ExponentialBackoff({ initialDelay: 10, maxDelay: 50 }) }),
  );

  async function once(request: LegacyRequest): Promise<LegacyResponse> {
    const response = await pool.request({
      method: request.method,
      path: basePath + request.path,
      headers: request.headers,
      body: request.body,
    });
    const body = await response.body.text();
    const accepted = request.acceptStatuses?.includes(response.statusCode) ?? false;
    if (!accepted && (response.statusCode < 200 || response.statusCode >= 300)) throw new LegacyStatusError(response.statusCode);
    return { statusCode: response.statusCode, body };
  }

  return {
    system: config.name,
    async read(request) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const response = await policy.execute(() => once(request));
        options.observe?.(config.name, 'ok', seconds());
        return response;
      } catch (error) {
        const timedOut = TIMEOUT_CODES.has(errorCode(error) ?? '');
        options.observe?.(config.name, timedOut ? 'timeout' : 'unavailable', seconds());
        throw new LegacyError(timedOut ? 'LEGACY_TIMEOUT' : 'LEGACY_UNAVAILABLE', config.name, { cause: error });
      }
    },
    close: () => pool.close(),
  };
}
