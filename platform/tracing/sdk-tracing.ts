import { context, defaultTextMapGetter, defaultTextMapSetter, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { SPAN_ATTRIBUTES, type Tracing, type TracingOptions } from './index.ts';

let contextManagerInstalled = false;

/**
 * The active span must follow the request through awaits, and the OpenTelemetry API keeps that
 * in a process-wide context manager; installed once, by the first tracing that needs it, so a
 * process with tracing off never pays for AsyncLocalStorage on every span-less `context.with`
 * (@apollo/gateway calls it for each step of each request).
 */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/**
 * Tracing with its own tracer provider, not registered globally: two systems in one process
 * (tests) each export their own spans, and @apollo/gateway's built-in spans stay no-ops while
 * passing our request span's context on to each subgraph fetch.
 */
export function createSdkTracing(options: TracingOptions): Tracing {
  installContextManager();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [options.exportEachSpan ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(options.exporter)],
  });
  const tracer = provider.getTracer('citizen-graph');
  const propagator = new W3CTraceContextPropagator();
  return {
    enabled: true,
    inSpan(name, spanOptions, work) {
      const active = context.active();
      const parent = spanOptions.incoming ? propagator.extract(active, spanOptions.incoming, defaultTextMapGetter) : active;
      const kind = spanOptions.kind === 'server' ? SpanKind.SERVER : SpanKind.CLIENT;
      return tracer.startActiveSpan(name, { kind, ...(spanOptions.attributes ? { attributes: spanOptions.attributes } : {}) }, parent, async (span) => {
        try {
          return await work(span);
        } catch (error) {
          const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'INTERNAL';
          span.setAttribute(SPAN_ATTRIBUTES.errorCode, code);
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    withTraceContext(headers) {
      const carrier: Record<string, string> = { ...headers };
      propagator.inject(context.active(), carrier, defaultTextMapSetter);
      return carrier as typeof headers;
    },
    annotate(attributes) {
      trace.getActiveSpan()?.setAttributes(attributes);
    },
    shutdown: () => provider.shutdown(),
  };
}

