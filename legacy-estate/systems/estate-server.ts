import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { FaultSettingsError, parseFaultSettings } from './faults.ts';
import type { FaultInjector } from './faults.ts';
import { parseRateLimitSettings, RateLimitSettingsError } from './rate-limit.ts';
import { parseJson } from './responses.ts';
import type { PopulationIndex } from './population-index.ts';
import type { StatsRecorder } from './stats.ts';
import { isSystemId } from './types.ts';
import type { LegacySystem, Route, SystemRequest, SystemResponse } from './types.ts';

/**
 * One HTTP listener for the whole estate: `/<system id>/...` goes to that system (counted,
 * then delayed or failed as its fault settings say), `/__...` to the control endpoints.
 */
export interface EstateServerOptions {
  systems: readonly LegacySystem[];
  /** Resolves a NINO as the systems do (spaces, lower case) for `/__records/<nino>`. */
  population: PopulationIndex;
  stats: StatsRecorder;
  faults: FaultInjector;
  populationSize: number;
  /** Aborts pending injected delays when the estate closes. */
  signal: AbortSignal;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** A write applied whose reply is to be lost: the connection is destroyed instead of answered. */
const LOST_REPLY = Symbol('lost reply');
type Reply = SystemResponse | typeof LOST_REPLY;

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining so the client sees our answer rather than a reset connection.
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) throw new BodyTooLargeError('request body too large');
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.destroyed) return;
  if (reply === LOST_REPLY) {
    response.destroy();
    return;
  }
  const headers: Record<string, string | number> = { ...reply.headers, 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) };
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

function controlJson(status: number, body: unknown): SystemResponse {
  return status === 204 ? { status, contentType: 'application/json', body: '' } : { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/**
 * Holds a request for `delayMs` (Infinity: a hang), ending early when the caller hangs up or
 * the estate closes, so an abandoned request holds no timer.
 */
function hold(delayMs: number, response: ServerResponse, closing: AbortSignal): Promise<void> {
  if (delayMs <= 0 || closing.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      response.off('close', done);
      closing.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(delayMs) ? setTimeout(done, delayMs) : undefined;
    response.once('close', done);
    closing.addEventListener('abort', done, { once: true });
  });
}

/** A control `PUT`: the body parsed as settings and applied, answered with them; 400 with the reason when they do not parse. */
function replaceSettings<T>(body: string, parse: (value: unknown) => T, apply: (settings: T) => void): SystemResponse {
  let settings: T;
  try {
    settings = parse(parseJson(body));
  } catch (error) {
    if (error instanceof FaultSettingsError || error instanceof RateLimitSettingsError) return controlJson(400, { error: error.message });
    throw error;
  }
  apply(settings);
  return controlJson(200, settings);
}

export function createEstateHandler(options: EstateServerOptions): RequestListener {
  const systemsById = new Map(options.systems.map((system) => [system.id as string, system]));

  /**
   * `/__records/<system id>`: everything that system holds; `/__records/<nino>`: every
   * system's own records of the citizen, by system id (none for a citizen nobody holds).
   */
  function records(path: string): SystemResponse {
    let target: string;
    try {
      target = decodeURIComponent(path);
    } catch {
      return controlJson(400, { error: 'not a NINO or a system id' });
    }
    const system = systemsById.get(target);
    if (system) return system.records ? controlJson(200, { [system.id]: system.records.all() }) : controlJson(404, { error: 'the system keeps no records' });
    const stored = options.population.byNino(target)?.nino ?? target;
    const bySystem = options.systems.flatMap((candidate) => (candidate.records ? [[candidate.id, candidate.records.of(stored)]] : []));
    return controlJson(200, Object.fromEntries(bySystem));
  }

  function control(method: string, path: string, body: string): SystemResponse {
    if (path === '/__health' && method === 'GET') return controlJson(200, { status: 'ok', population: options.populationSize });
    if (path === '/__stats' && method === 'GET') return controlJson(200, options.stats.snapshot());
    if (path === '/__stats/reset' && method === 'POST') {
      options.stats.reset();
      return controlJson(204, null);
    }
    if (path === '/__faults' && method === 'GET') return controlJson(200, options.faults.all());
    const recordsOf = /^\/__records\/([^/]+)$/.exec(path)?.[1];
    // A system that sends things on (Notify) lists what it sent under its own id; anything else names a citizen.
    const sender = recordsOf === undefined ? undefined : systemsById.get(recordsOf);
    if (sender?.sent && method === 'GET') return controlJson(200, sender.sent());
    if (recordsOf !== undefined && method === 'GET') return records(recordsOf);
    const faultTarget = /^\/__faults\/([^/]+)$/.exec(path)?.[1];
    if (faultTarget !== undefined && method === 'PUT') {
      if (!isSystemId(faultTarget)) return controlJson(404, { error: 'no such system' });
      return replaceSettings(body, parseFaultSettings, (settings) => options.faults.replace(faultTarget, settings));
    }
    const limitTarget = /^\/__rate-limit\/([^/]+)$/.exec(path)?.[1];
    if (limitTarget !== undefined && (method === 'GET' || method === 'PUT')) {
      const limiter = systemsById.get(limitTarget)?.rateLimit;
      if (!limiter) return controlJson(404, { error: 'no system of that id has a rate limit' });
      if (method === 'GET') return controlJson(200, limiter.settings());
      return replaceSettings(body, parseRateLimitSettings, (settings) => limiter.replace(settings));
    }
    return controlJson(404, { error: 'no such control endpoint' });
  }

  async function answerSystem(target: LegacySystem, request: SystemRequest, route: Route | undefined, response: ServerResponse): Promise<Reply> {
    const decision = options.faults.decide(target.id);
    await hold(decision.failWith === 'hang' ? Infinity : decision.delayMs, response, options.signal);
    if (decision.failWith === 503) return target.failure(503, 'Service unavailable');
    if (decision.failWith === 500) return target.failure(500, 'Internal error');
    if (decision.failWith === 'malformed') return target.malformed();
    // A hang ends only when the caller has gone (or the estate closes): nobody reads this.
    if (decision.failWith === 'hang') return target.failure(503, 'Service unavailable');
    if (!route) {
      const pathKnown = target.routes.some((candidate) => candidate.pattern.test(request.path));
      return pathKnown ? target.failure(405, 'Method not allowed') : target.failure(404, 'Not found');
    }
    let reply: SystemResponse;
    try {
      reply = await route.handle(request, route.pattern.exec(request.path) as RegExpExecArray);
    } catch {
      return target.failure(500, 'Internal error');
    }
    return route.write && decision.loseReply ? LOST_REPLY : reply;
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://estate.invalid');
    const method = request.method ?? 'GET';
    const [, first = ''] = url.pathname.split('/');
    const target = systemsById.get(first);
    if (!target) {
      const body = await readBody(request).catch((error: unknown) => (error instanceof BodyTooLargeError ? null : Promise.reject(error)));
      if (body === null) return controlJson(413, { error: 'request body too large' });
      return first.startsWith('__') ? control(method, url.pathname, body) : controlJson(404, { error: 'no such system' });
    }
    const path = url.pathname.slice(first.length + 1) || '/';
    const route = target.routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(path) && (candidate.accepts?.(request.headers) ?? true),
    );
    options.stats.count(target.id, route?.operation);
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return target.failure(413, 'Request body too large');
      throw error;
    }
    return answerSystem(target, { method, path, query: url.searchParams, headers: request.headers, body }, route, response);
  }

  return (request, response) => {
    answer(request, response).then(
      (reply) => send(response, reply),
      () => send(response, controlJson(500, { error: 'internal error' })),
    );
  };
}
