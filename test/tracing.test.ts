import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { createLogger, redactText } from '../platform/logging/index.ts';
import { createTracing, SPAN_ATTRIBUTES } from '../platform/tracing/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * One request, followed from the caller through the gateway, each subgraph fetch (over HTTP and
 * in process) and each subgraph to each legacy call, as one trace with no personal data in it.
 */
const WHOLE_CITIZEN = `query WholeCitizen($nino: NINO!) {
  citizen(nino: $nino) {
    nino name { fullName } dateOfBirth contact { phone email } currentAddress { postcode }
    awards { benefit amount nextPayment { date amount } }
    bankAccount { sortCode accountNumber }
    relationships { type citizen { nino name { fullName } } }
  }
}`;

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe.each(['in-process', 'http'] as const)('one request traced with subgraphs called %s', (transport) => {
  const exporter = new InMemorySpanExporter();
  let system: TestSystem;
  let spans: ReadableSpan[];
  let requestId: string;
  let personal: string[];
  let legacyCalls: Record<string, number>;

  beforeAll(async () => {
    const tracing = await createTracing({ serviceName: 'citizen-graph', exporter, sampleRatio: 1, exportEachSpan: true });
    system = await startTestSystem({}, { subgraphTransport: transport, tracing });
    await system.resetStats();
    const { nino } = SHOWCASE.pensionerCouple;
    const headers = { ...(await system.as({ role: 'agent' }, 'CASE-0001')), traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` };
    const result = await system.graphql(WHOLE_CITIZEN, { nino }, headers);
    expect(result.body.errors).toBeUndefined();
    requestId = String(result.headers['x-request-id']);
    const citizen = result.body.data!.citizen;
    personal = [nino, citizen.name.fullName, citizen.dateOfBirth, citizen.bankAccount.accountNumber, ...citizen.relationships.flatMap((r: any) => [r.citizen.nino, r.citizen.name.fullName])];
    legacyCalls = Object.fromEntries(Object.entries(await system.stats()).map(([id, stats]) => [id, stats.requests]));
    spans = exporter.getFinishedSpans();
    await tracing.shutdown();
  });
  afterAll(() => system?.close());

  const named = (prefix: string) => spans.filter((span) => span.name.startsWith(prefix));

  it('continues the caller\'s trace: every span is in it, the gateway request span a child of the caller\'s', () => {
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([CALLER_TRACE]));
    const [root, ...others] = named('gateway request');
    expect(others).toEqual([]);
    expect(parentOf(root!)).toBe(CALLER_SPAN);
    expect(root!.attributes).toMatchObject({
      [SPAN_ATTRIBUTES.requestId]: requestId,
      [SPAN_ATTRIBUTES.operationName]: 'WholeCitizen',
      [SPAN_ATTRIBUTES.clientRole]: 'agent',
      [SPAN_ATTRIBUTES.clientOrganisation]: 'DWP',
    });
  });

  it('has a fetch span per subgraph call under the request, and each subgraph\'s own span under its fetch', () => {
    const root = named('gateway request')[0]!;
    const fetches = named('subgraph fetch ');
    expect(new Set(fetches.map((span) => span.attributes[SPAN_ATTRIBUTES.subgraph]))).toEqual(new Set(['identity', 'awards', 'address', 'bank', 'relationships']));
    for (const fetch of fetches) expect(parentOf(fetch)).toBe(idOf(root));
    const served = spans.filter((span) => /^subgraph [a-z]+$/.test(span.name));
    expect(served).toHaveLength(fetches.length);
    for (const span of served) {
      const fetch = fetches.find((candidate) => idOf(candidate) === parentOf(span));
      expect(fetch?.name, span.name).toBe(`subgraph fetch ${span.name.slice('subgraph '.length)}`);
      expect(span.attributes[SPAN_ATTRIBUTES.requestId]).toBe(requestId);
    }
  });

  it('has one span per legacy call, as the estate counted them, each under the subgraph that made it, with its system, operation and outcome', () => {
    const served = new Map(spans.filter((span) => /^subgraph [a-z]+$/.test(span.name)).map((span) => [idOf(span), span]));
    const legacy = named('legacy ');
    const bySystem: Record<string, number> = {};
    for (const span of legacy) {
      const system = String(span.attributes[SPAN_ATTRIBUTES.legacySystem]);
      bySystem[system] = (bySystem[system] ?? 0) + 1;
      expect(served.has(parentOf(span)!), span.name).toBe(true);
      expect(span.attributes[SPAN_ATTRIBUTES.outcome]).toBe('ok');
      expect(span.attributes[SPAN_ATTRIBUTES.legacyOperation]).toMatch(/^(GET|POST) \//);
    }
    expect(bySystem).toEqual(Object.fromEntries(Object.entries(legacyCalls).filter(([, count]) => count > 0)));
    expect(Object.keys(bySystem).length).toBeGreaterThanOrEqual(5);
  });

  it('carries no personal data in any span name or attribute', () => {
    const texts = spans.flatMap((span) => [span.name, ...Object.entries(span.attributes).flatMap(([key, value]) => [key, String(value)])]);
    expect(personal.every((value) => typeof value === 'string' && value.length > 3)).toBe(true);
    for (const text of texts) {
      // Request ids are UUIDs, whose digit runs would pass for account numbers.
      const identifiersOut = text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, 'request-id');
      expect(redactText(identifiersOut), text).toBe(identifiersOut);
      for (const value of personal) expect(text.toUpperCase(), text).not.toContain(value.toUpperCase());
    }
  });
});

describe('tracing as configured', () => {
  /** A tiny OTLP/HTTP receiver on loopback: records what each POST sent. */
  const received: Array<{ path: string; contentType: string; body: any }> = [];
  const receiver = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ path: request.url ?? '', contentType: String(request.headers['content-type']), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  beforeAll(async () => {
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it('exports the spans of a request to the OTLP endpoint over HTTP, and logs its trace id beside its request id', async () => {
    const { port } = receiver.address() as { port: number };
    const system = await startTestSystem(
      { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'citizen-graph-under-test', LOG_LEVEL: 'info' },
      { logger: createLogger({ level: 'info', name: 'citizen-graph', destination }) },
    );
    let requestId: string;
    try {
      // A legacy system down: its failed call is logged, inside the trace.
      await system.setFaults('pscs', { outage: true });
      const result = await system.graphql(WHOLE_CITIZEN, { nino: SHOWCASE.pensionerCouple.nino });
      requestId = String(result.headers['x-request-id']);
    } finally {
      // Shutting down exports what the batch still holds.
      await system.close();
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((post) => post.path === '/v1/traces' && post.contentType.startsWith('application/json'))).toBe(true);
    const resourceSpans = received.flatMap((post) => post.body.resourceSpans as any[]);
    const service = resourceSpans[0].resource.attributes.find((attribute: any) => attribute.key === 'service.name');
    expect(service.value.stringValue).toBe('citizen-graph-under-test');
    const exported = resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope: any) => scope.spans as any[]));
    const names = new Set(exported.map((span) => span.name as string));
    for (const name of ['gateway request', 'subgraph fetch identity', 'subgraph identity', 'legacy cis', 'legacy pscs']) expect(names).toContain(name);
    const root = exported.find((span) => span.name === 'gateway request');
    const failed = lines.find((line) => line.msg === 'legacy call failed' && line.system === 'pscs');
    expect(failed).toMatchObject({ requestId, traceId: root.traceId });
    expect(exported.find((span) => span.spanId === failed!.spanId)?.name).toBe('legacy pscs');
  });
});
