import type { ApolloServerPlugin } from '@apollo/server';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Outcome of one legacy call, as the metrics count it: `timeout` the system was too slow,
 * `deadline` the request's budget ran out first (the call was cut early or never started),
 * `unavailable` it failed (error status, fault, bad payload, connection), `short_circuit` its
 * open breaker refused the call without reaching the system, `refused` the system answered and
 * rejected a write (a working system; the write was wrong), `rate_limited` the system said 429.
 */
export type LegacyCallOutcome = 'ok' | 'timeout' | 'deadline' | 'unavailable' | 'short_circuit' | 'refused' | 'rate_limited';

/** Why a request was refused unrun because of load: the error code it was answered with. */
export type LoadRefusal = 'RATE_LIMITED' | 'OVERLOADED';

export interface Metrics {
  readonly registry: Registry;
  /** Time and outcome of every legacy call, by system: where a slow answer comes from. */
  observeLegacyCall(system: string, outcome: LegacyCallOutcome, seconds: number): void;
  /** Every GraphQL response a server sends, by server and whether it carried errors. */
  countResponse(service: string, outcome: 'ok' | 'error'): void;
  /** A request refused before any GraphQL work: over its caller's rate limit (429) or shed at capacity (503). */
  countLoadRefusal(code: LoadRefusal): void;
  /** GraphQL requests this process is executing now, against the cap that sheds the rest. */
  setRequestsInFlight(count: number): void;
  /** Reports each legacy system's breaker state (e.g. `{ cis: 'open' }`) at every scrape. */
  showBreakers(states: () => Readonly<Record<string, string>>): void;
  /** `GET /metrics` in the Prometheus text format. Labels never hold personal data. */
  handler(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** One registry per process, shared by every server in it. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const legacyCalls = new Histogram({
    name: 'citizen_graph_legacy_call_seconds',
    help: 'Legacy system calls by system and outcome',
    labelNames: ['system', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const responses = new Counter({
    name: 'citizen_graph_graphql_responses_total',
    help: 'GraphQL responses by server and outcome',
    labelNames: ['service', 'outcome'],
    registers: [registry],
  });
  const loadRefusals = new Counter({
    name: 'citizen_graph_load_refusals_total',
    help: 'Requests refused unrun because of load, by code: RATE_LIMITED (429) or OVERLOADED (503)',
    labelNames: ['code'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'citizen_graph_requests_in_flight',
    help: 'GraphQL requests the gateway is executing now',
    registers: [registry],
  });
  let breakerStates: () => Readonly<Record<string, string>> = () => ({});
  new Gauge({
    name: 'citizen_graph_legacy_breaker',
    help: 'Legacy circuit breakers by system and state (1 for the current state); summed over cluster workers, the number of workers in each state',
    labelNames: ['system', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [system, state] of Object.entries(breakerStates())) this.set({ system, state }, 1);
    },
  });
  return {
    registry,
    countLoadRefusal: (code) => loadRefusals.inc({ code }),
    setRequestsInFlight: (count) => inFlight.set(count),
    showBreakers: (states) => void (breakerStates = states),
    observeLegacyCall: (system, outcome, seconds) => legacyCalls.observe({ system, outcome }, seconds),
    countResponse: (service, outcome) => responses.inc({ service, outcome }),
    async handler(_request, response) {
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(await registry.metrics());
    },
  };
}

/** Counts each GraphQL response a server sends, by whether it carried errors. */
export function responseCounterPlugin(metrics: Metrics, service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.countResponse(service, failed ? 'error' : 'ok');
        },
      };
    },
  };
}

/** In a cluster worker: answers the primary's requests for this process's metrics. */
export function shareMetricsWithPrimary(metrics: Metrics): void {
  AggregatorRegistry.setRegistries([metrics.registry]);
  // Constructing one installs the worker's listener for the primary's requests.
  new AggregatorRegistry();
}

/** In the cluster primary: `GET /metrics` summing every worker's metrics, so one scrape sees the whole system. */
export function clusterMetricsHandler(): Metrics['handler'] {
  const registry = new AggregatorRegistry();
  return async (_request, response) => {
    const text = await registry.clusterMetrics();
    response.writeHead(200, { 'content-type': registry.contentType });
    response.end(text);
  };
}
