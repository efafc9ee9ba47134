import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { sharedListenerPlugin } from '../http/index.ts';
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

/** One tell-us-once delivery queue as its worker reads it at a scrape. */
export interface DeliveryQueueReading {
  /** Changes waiting to be delivered (queued or being retried). */
  readonly depth: number;
  /** How long the oldest of them has waited, in seconds; 0 when none waits. */
  readonly oldestAgeSeconds: number;
}

/** Latency buckets (seconds) for whole requests and subgraph fetches: a cached answer in ms, a slow legacy system in seconds. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Longest operation name used as a label; callers name their own operations, so the label is bounded. */
const MAX_OPERATION_LABEL = 64;

/** Where a request held by the gateway stands: see the in-flight cap. */
export const IN_FLIGHT_STATES = ['executing', 'long', 'waiting'] as const;
export type InFlightState = (typeof IN_FLIGHT_STATES)[number];

export interface Metrics {
  readonly registry: Registry;
  /** Time and outcome of every legacy call, by system: where a slow answer comes from. */
  observeLegacyCall(system: string, outcome: LegacyCallOutcome, seconds: number): void;
  /** A legacy read answered from an identical read of the same request, by system: a call not made. */
  countSharedRead(system: string): void;
  /** Every GraphQL response a server sends, by server and whether it carried errors. */
  countResponse(service: string, outcome: 'ok' | 'error'): void;
  /** A request refused before any GraphQL work: over its caller's rate limit (429) or shed at capacity (503). */
  countLoadRefusal(code: LoadRefusal): void;
  /** Reports the GraphQL requests this process holds, by state, at every scrape (not on every request). */
  showRequestsInFlight(counts: () => Readonly<Record<InFlightState, number>>): void;
  /** Reports each legacy system's breaker state (e.g. `{ cis: 'open' }`) at every scrape. */
  showBreakers(states: () => Readonly<Record<string, string>>): void;
  /** One gateway request from when Apollo took it to its answer, by operation and client (`role/organisation`); the histogram's `_count` counts requests. */
  observeRequest(operation: string | undefined, client: string, seconds: number): void;
  /** One error a response carried (or a refusal made before GraphQL ran), by server and code. */
  countError(service: string, code: string): void;
  /** One gateway-to-subgraph fetch, whichever transport: `error` when the subgraph did not answer usably. */
  observeSubgraphFetch(subgraph: string, outcome: 'ok' | 'error', seconds: number): void;
  /** One audit entry's write as its request waits for it (queueing and commit), or its refusal. */
  observeAuditWrite(outcome: 'ok' | 'error', seconds: number): void;
  /** How many entries one audit statement carried, by outcome: how far the group commit (`AUDIT_GROUP_COMMIT_MS`) batches under the load of the moment. */
  observeAuditBatch(outcome: 'ok' | 'error', entries: number): void;
  /**
   * The hook for the tell-us-once delivery worker: `read` is called at every scrape and its
   * answer, by queue name, becomes `citizen_graph_tell_us_once_queue_depth{queue}` and
   * `citizen_graph_tell_us_once_delivery_age_seconds{queue}`. Both are facts of the shared
   * queue, not of a process, so under `npm start` the workers' readings are combined by max, not summed.
   */
  showDeliveryQueues(read: () => Promise<Readonly<Record<string, DeliveryQueueReading>>>): void;
  /** `GET /metrics` in the Prometheus text format. Labels never hold personal data. */
  handler(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** One registry per process, shared by every server in it. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const histogram = (name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) => new Histogram({ name, help, labelNames, buckets: [...buckets], registers: [registry] });
  const legacyCalls = histogram('citizen_graph_legacy_call_seconds', 'Legacy system calls by system and outcome', ['system', 'outcome'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);
  const sharedReads = new Counter({
    name: 'citizen_graph_legacy_reads_shared_total',
    help: 'Legacy reads answered from an identical read of the same request by another subgraph in the process (calls not made), by system',
    labelNames: ['system'],
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
  let requestsInFlight: () => Readonly<Record<InFlightState, number>> = () => ({ executing: 0, long: 0, waiting: 0 });
  new Gauge({
    name: 'citizen_graph_requests_in_flight',
    help: 'GraphQL requests the gateway holds now, by state: executing, long (still executing past the long-request time: waiting on a slow legacy system) or waiting (for a place to execute)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = requestsInFlight();
      for (const state of IN_FLIGHT_STATES) this.set({ state }, counts[state]);
    },
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
  const requests = histogram('citizen_graph_request_duration_seconds', 'Gateway requests by operation and client (role/organisation): duration; _count is the number of requests', ['operation', 'client'], REQUEST_BUCKETS);
  const errors = new Counter({
    name: 'citizen_graph_errors_total',
    help: 'Errors in GraphQL responses, and refusals before GraphQL ran, by server and error code',
    labelNames: ['service', 'code'],
    registers: [registry],
  });
  const subgraphFetches = histogram('citizen_graph_subgraph_fetch_seconds', 'Gateway-to-subgraph fetches by subgraph and outcome', ['subgraph', 'outcome'], REQUEST_BUCKETS);
  const auditWrites = histogram('citizen_graph_audit_write_seconds', 'Audit entry writes as the request waits for them (queueing and commit), by outcome', ['outcome'], [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]);
  const auditBatches = histogram('citizen_graph_audit_batch_entries', 'Audit entries written per statement, by outcome', ['outcome'], [1, 2, 4, 8, 16, 32, 64, 128, 256, 500]);
  let deliveryQueues: () => Promise<Readonly<Record<string, DeliveryQueueReading>>> = async () => ({});
  let reading: Promise<Readonly<Record<string, DeliveryQueueReading>>> | undefined;
  // A scrape collects every metric at once: both gauges share the one reading in flight.
  const readQueues = () => (reading ??= deliveryQueues().finally(() => (reading = undefined)));
  const queueGauge = (name: string, help: string, value: (reading: DeliveryQueueReading) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      aggregator: 'max',
      registers: [registry],
      async collect() {
        const queues = await readQueues();
        this.reset();
        for (const [queue, reading] of Object.entries(queues)) this.set({ queue }, value(reading));
      },
    });
  queueGauge('citizen_graph_tell_us_once_queue_depth', 'Tell-us-once changes waiting for delivery, by queue', (reading) => reading.depth);
  queueGauge('citizen_graph_tell_us_once_delivery_age_seconds', 'Age of the oldest tell-us-once change not yet delivered, by queue', (reading) => reading.oldestAgeSeconds);
  return {
    registry,
    observeRequest: (operation, client, seconds) => requests.observe({ operation: (operation || '(anonymous)').slice(0, MAX_OPERATION_LABEL), client }, seconds),
    countError: (service, code) => errors.inc({ service, code }),
    observeSubgraphFetch: (subgraph, outcome, seconds) => subgraphFetches.observe({ subgraph, outcome }, seconds),
    observeAuditWrite: (outcome, seconds) => auditWrites.observe({ outcome }, seconds),
    observeAuditBatch: (outcome, entries) => auditBatches.observe({ outcome }, entries),
    showDeliveryQueues: (read) => void (deliveryQueues = read),
    countLoadRefusal: (code) => loadRefusals.inc({ code }),
    showRequestsInFlight: (counts) => void (requestsInFlight = counts),
    showBreakers: (states) => void (breakerStates = states),
    observeLegacyCall: (system, outcome, seconds) => legacyCalls.observe({ system, outcome }, seconds),
    countSharedRead: (system) => sharedReads.inc({ system }),
    countResponse: (service, outcome) => responses.inc({ service, outcome }),
    async handler(_request, response) {
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(await registry.metrics());
    },
  };
}

/** Counts one GraphQL response by whether it carried errors, and each error by its code. */
export function countResponseOutcome(metrics: Metrics, service: string, response: GraphQLResponse): void {
  const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
  metrics.countResponse(service, errors.length > 0 ? 'error' : 'ok');
  for (const error of errors) metrics.countError(service, typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
}

/** Counts each GraphQL response a server sends (see `countResponseOutcome`). */
export function responseCounterPlugin(metrics: Metrics, service: string): ApolloServerPlugin {
  return sharedListenerPlugin<BaseContext>({
    async willSendResponse({ response }) {
      countResponseOutcome(metrics, service, response);
    },
  });
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
