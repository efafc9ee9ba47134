import type { IncomingHttpHeaders } from 'node:http';
import { INVALID_SPAN_CONTEXT, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config/index.ts';

export type { Span } from '@opentelemetry/api';

/** Attribute names our spans use; values are identifiers and codes, never personal data. */
export const SPAN_ATTRIBUTES = {
  requestId: 'citizen_graph.request_id',
  operationName: 'graphql.operation.name',
  clientRole: 'citizen_graph.client.role',
  clientOrganisation: 'citizen_graph.client.organisation',
  subgraph: 'citizen_graph.subgraph',
  legacySystem: 'citizen_graph.legacy.system',
  legacyOperation: 'citizen_graph.legacy.operation',
  outcome: 'citizen_graph.outcome',
  errorCode: 'error.type',
} as const;

export interface SpanOptions {
  readonly kind: 'server' | 'client';
  readonly attributes?: Attributes;
  /** Incoming request headers whose W3C `traceparent` this span continues; without them, the active span is the parent. */
  readonly incoming?: IncomingHttpHeaders;
}

/**
 * Tracing as the rest of the code sees it. Off (no endpoint configured), every method is a
 * pass-through: no span, no context switch, no header, so the request path pays one function call.
 */
export interface Tracing {
  readonly enabled: boolean;
  /** Runs `work` inside a new span that ends when it settles; a thrown error marks the span failed with its code only. */
  inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T>;
  /** `headers` plus the active span's W3C `traceparent` (and `tracestate`), for an outgoing call; `headers` itself when off. */
  withTraceContext<H extends Record<string, string>>(headers: H): H;
  /** Adds attributes to the active span, e.g. the operation name once it is known. */
  annotate(attributes: Attributes): void;
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export const TRACING_OFF: Tracing = Object.freeze<Tracing>({
  enabled: false,
  inSpan: (_name, _options, work) => work(NO_SPAN),
  withTraceContext: (headers) => headers,
  annotate: () => {},
  shutdown: async () => {},
});

export interface TracingOptions {
  readonly serviceName: string;
  /** Where finished spans go. */
  readonly exporter: SpanExporter;
  /** Fraction of new traces recorded (0-1); a trace continued from a caller keeps the caller's decision. */
  readonly sampleRatio: number;
  /** Export each span as it ends rather than in batches: for tests reading an in-memory exporter. */
  readonly exportEachSpan?: boolean;
}

/**
 * Tracing as configured: OTLP over HTTP to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`, or off.
 * The SDK is loaded only when tracing is on, so a process (or a CLI) with it off never loads it.
 */
export async function tracingFromConfig(config: Config['tracing']): Promise<Tracing> {
  if (!config.otlpEndpoint) return TRACING_OFF;
  const [{ OTLPTraceExporter }, { createSdkTracing }] = await Promise.all([import('@opentelemetry/exporter-trace-otlp-http'), import('./sdk-tracing.ts')]);
  const url = `${config.otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
  return createSdkTracing({ serviceName: config.serviceName, sampleRatio: config.sampleRatio, exporter: new OTLPTraceExporter({ url }) });
}

/** Tracing into any exporter (tests: an in-memory one). */
export async function createTracing(options: TracingOptions): Promise<Tracing> {
  return (await import('./sdk-tracing.ts')).createSdkTracing(options);
}

/** The active span's trace and span ids, for a log line; empty when there is none (tracing off). */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
