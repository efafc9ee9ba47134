import type { RouteHandler } from './route-server.ts';

/** A condition this instance needs to serve traffic; resolves false or rejects when it does not hold. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface HealthOptions {
  /** Every one must pass for `/health/ready` to answer 200 (e.g. supergraph loaded, audit store answers). */
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  /**
   * Shown in the readiness body but never counted: every instance shares the same legacy
   * systems, so taking instances out for an open breaker would turn a partial outage into a total one.
   */
  readonly breakers: () => Readonly<Record<string, string>>;
}

function sendJson(response: Parameters<RouteHandler>[1], status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

/**
 * `GET /health/live`: the process is up and answering. `GET /health/ready`: this instance can
 * serve requests now (503 otherwise), with each check and each legacy breaker in the body.
 */
export function healthRoutes(options: HealthOptions): Record<string, RouteHandler> {
  return {
    'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'live' }),
    'GET /health/ready': async (_request, response) => {
      const names = Object.keys(options.checks);
      const results = await Promise.all(names.map((name) => passes(options.checks[name]!)));
      const ready = results.every(Boolean);
      sendJson(response, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        checks: Object.fromEntries(names.map((name, index) => [name, results[index] ? 'ok' : 'failing'])),
        breakers: options.breakers(),
      });
    },
  };
}
