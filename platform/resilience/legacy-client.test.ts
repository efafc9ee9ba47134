import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { request } from 'undici';
import { startEstate, type Estate } from '../../legacy-estate/index.ts';
import { loadConfig } from '../config/index.ts';
import { LegacyError } from '../errors/index.ts';
import type { LegacyCallOutcome } from '../metrics/index.ts';
import { createTracing, SPAN_ATTRIBUTES } from '../tracing/index.ts';
import { createLegacyClient, createSharedReads, deadlineIn, type LegacyClient, type LegacyReader } from './index.ts';

/**
 * The breaker's rules, against the simulated disability system (one NINO per call, 404 for a
 * NINO it has never seen). Breakers here open on two failed calls out of two.
 */
let estate: Estate;
const clients: LegacyClient[] = [];
let outcomes: LegacyCallOutcome[] = [];
/** The systems of reads answered from a shared one. */
let sharedReadsOf: string[] = [];

beforeAll(async () => {
  estate = await startEstate({ size: 50 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await estate?.close();
});
beforeEach(async () => {
  outcomes = [];
  sharedReadsOf = [];
  await setFaults({});
});

async function setFaults(settings: Record<string, unknown>): Promise<void> {
  const response = await request(`${estate.url}/__faults/disability`, { method: 'PUT', body: JSON.stringify(settings) });
  expect(response.statusCode).toBe(200);
  await response.body.dump();
}

function disabilityClient(env: Record<string, string> = {}): LegacyClient {
  const config = loadConfig({ ESTATE_URL: estate.url, LEGACY_BREAKER_MIN_CALLS: '2', LEGACY_BREAKER_FAILURE_RATE: '0.5', DEADLINE_MARGIN_MS: '0', ...env });
  const client = createLegacyClient(config.legacy.disability, { observe: (_system, outcome) => outcomes.push(outcome), observeShared: (system) => sharedReadsOf.push(system) });
  clients.push(client);
  return client;
}

async function disabilityRequests(): Promise<number> {
  const stats = (await (await request(`${estate.url}/__stats`)).body.json()) as Record<string, { requests: number }>;
  return stats.disability!.requests;
}

/** A read of one claimant's record, as a request with `budgetMs` left would make it. */
function claims(client: LegacyClient, budgetMs: number, nino = estate.population.people.find((person) => person.disabilityAwards.length > 0)!.nino): Promise<number> {
  const reader: LegacyReader = client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(budgetMs) });
  return reader.read({ method: 'GET', path: `/claims/${nino}`, acceptStatuses: [404] }, (response) => response.statusCode);
}

describe('the legacy client’s breaker', () => {
  it('ignores calls our own deadline cut short: the system is not to blame for our budget', async () => {
    const client = disabilityClient({ LEGACY_SLOW_CALL_MS: '1000' });
    await setFaults({ latencyMs: 2_000 });
    for (let call = 0; call < 3; call++) await expect(claims(client, 50)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'disability' });
    await setFaults({});
    await expect(claims(client, 2_000)).resolves.toBe(200);
    expect(outcomes).toEqual(['deadline', 'deadline', 'deadline', 'ok']);
  });

  it('counts calls the deadline cut after the slow-call time: a hung system opens its breaker', async () => {
    const client = disabilityClient({ LEGACY_SLOW_CALL_MS: '20' });
    await setFaults({ hang: true });
    for (let call = 0; call < 2; call++) await expect(claims(client, 100)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
    await setFaults({});
    await expect(claims(client, 2_000)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    expect(outcomes).toEqual(['timeout', 'timeout', 'short_circuit']);
  });

  it('never retries past the deadline: a retried 503 that would outlive it ends with it', async () => {
    const client = disabilityClient();
    // Each attempt takes 400 ms and answers 503, which is retried once: 800 ms without a deadline.
    await setFaults({ outage: true, latencyMs: 400 });
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    // Had the retry run its course, this would be the 503's LEGACY_UNAVAILABLE.
    await expect(claims(client, 700)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'disability' });
    expect(outcomes).toEqual(['deadline']);
    const stats = (await (await request(`${estate.url}/__stats`)).body.json()) as Record<string, { requests: number }>;
    expect(stats.disability!.requests).toBe(2);
  });

  it('does not count "no record" as a failure', async () => {
    const client = disabilityClient();
    for (let call = 0; call < 3; call++) await expect(claims(client, 2_000, 'AB999999D')).resolves.toBe(404);
    expect(outcomes).toEqual(['ok', 'ok', 'ok']);
  });

  it('counts an answer its parse refuses, and once half-open lets a single probe through to close it', async () => {
    const client = disabilityClient({ LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '1' });
    const reader = client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(5_000) });
    const refuse = () =>
      reader.read({ method: 'GET', path: '/claims/AB999999D', acceptStatuses: [404] }, () => {
        throw new TypeError('not the expected shape');
      });
    for (let call = 0; call < 2; call++) await expect(refuse()).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    // Open now; a slow system keeps the probe in flight while the others arrive. Setting it
    // takes real time, at least the breaker's 1 ms, so the next call is the half-open probe.
    const opened = Date.now();
    while (Date.now() - opened < 2) await setFaults({ latencyMs: 200 });
    const results = await Promise.allSettled([claims(client, 2_000), claims(client, 2_000), claims(client, 2_000)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(claims(client, 2_000)).resolves.toBe(200);
    expect(outcomes).toEqual(['unavailable', 'unavailable', 'short_circuit', 'short_circuit', 'ok', 'ok']);
  });
});

describe('the legacy client’s writes', () => {

  it('never retries a write: a 503 a read would try twice is sent once', async () => {
    const client = disabilityClient();
    const reader = client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(5_000) });
    await setFaults({ outage: true });
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    await expect(reader.write({ method: 'GET', path: '/claims/AB999999D' }, () => 'written')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'disability' });
    expect(await disabilityRequests()).toBe(1);
    await expect(reader.read({ method: 'GET', path: '/claims/AB999999D' }, () => 'read')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    expect(await disabilityRequests()).toBe(3);
  });

  it('does not count a write the system refused against it: the breaker stays closed', async () => {
    const client = disabilityClient();
    const reader = client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(5_000) });
    const refused = () =>
      reader.write({ method: 'GET', path: '/claims/AB999999D', acceptStatuses: [404] }, () => {
        throw new LegacyError('LEGACY_WRITE_REFUSED', 'disability');
      });
    for (let call = 0; call < 3; call++) await expect(refused()).rejects.toMatchObject({ code: 'LEGACY_WRITE_REFUSED' });
    await expect(claims(client, 2_000)).resolves.toBe(200);
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'ok']);
  });

  it('says a call the request had no time left for was never made, rather than that the system was slow', async () => {
    const client = disabilityClient();
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    await expect(claims(client, 0)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'disability', message: "The disability system was not asked: the request's time had run out; this part of the answer is missing." });
    expect(await disabilityRequests()).toBe(0);
    // A call that was made and outlived the deadline still names the system as slow.
    await setFaults({ latencyMs: 2_000 });
    await expect(claims(client, 50)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', message: 'The disability system did not answer in time; this part of the answer is missing.' });
  });

  it('stops at once when the caller’s signal is aborted, without reaching the system', async () => {
    const client = disabilityClient();
    const reader = client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(5_000), signal: AbortSignal.abort() });
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
    await expect(reader.write({ method: 'GET', path: '/claims/AB999999D' }, () => 'written')).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
    expect(await disabilityRequests()).toBe(0);
  });
});

describe('reads shared by the subgraphs of one request', () => {
  const status = (response: { statusCode: number }) => response.statusCode;
  /** One request: `reader()` is one more subgraph's view of the system, sharing the request's reads; `read` is of a claimant's record. */
  function oneRequest(client = disabilityClient()) {
    const shared = createSharedReads();
    const reader = (): LegacyReader => client.forRequest({ requestId: 'legacy-client-test', deadline: deadlineIn(5_000), sharedReads: shared });
    const nino = estate.population.people.find((person) => person.disabilityAwards.length > 0)!.nino;
    return { client, reader, read: { method: 'GET', path: `/claims/${nino}` } as const };
  }

  beforeEach(async () => {
    await (await request(`${estate.url}/__stats/reset`, { method: 'POST' })).body.dump();
  });

  it('asks once for an identical read, whether it is in flight or answered, and each reader parses the answer itself', async () => {
    const { client, reader, read } = oneRequest();
    await setFaults({ latencyMs: 50 });
    const [first, second] = await Promise.all([reader().read(read, status), reader().read(read, (response) => response.body.length)]);
    expect(first).toBe(200);
    expect(second).toBeGreaterThan(0);
    await expect(reader().read(read, status)).resolves.toBe(200);
    expect(await disabilityRequests()).toBe(1);
    // One call, so the metrics and the breaker count one; the other two are counted as shared.
    expect(outcomes).toEqual(['ok']);
    expect(sharedReadsOf).toEqual(['disability', 'disability']);
    // Another request, another NINO or no sharing at all: a call each.
    await oneRequest(client).reader().read(read, status);
    await reader().read({ method: 'GET', path: '/claims/AB999999D', acceptStatuses: [404] }, status);
    await claims(client, 5_000);
    expect(await disabilityRequests()).toBe(4);
  });

  it('shares a failure only with the readers waiting for it: the next reader asks again', async () => {
    const { reader, read } = oneRequest();
    await setFaults({ errorRate: 1, latencyMs: 20 });
    const waiting = await Promise.allSettled([reader().read(read, status), reader().read(read, status)]);
    expect(waiting.map((result) => (result.status === 'rejected' ? (result.reason as LegacyError).code : result.status))).toEqual(['LEGACY_UNAVAILABLE', 'LEGACY_UNAVAILABLE']);
    // A 500 is not retried: one call, its failure logged and counted once.
    expect(await disabilityRequests()).toBe(1);
    expect(outcomes).toEqual(['unavailable']);
    await setFaults({});
    await expect(reader().read(read, status)).resolves.toBe(200);
    expect(await disabilityRequests()).toBe(2);
  });

  it('makes an answer one reader cannot parse that reader’s failure alone', async () => {
    const { reader, read } = oneRequest();
    await expect(reader().read(read, status)).resolves.toBe(200);
    const refuse = () => {
      throw new TypeError('not the shape this subgraph needs');
    };
    await expect(reader().read(read, refuse)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'disability' });
    await expect(reader().read(read, status)).resolves.toBe(200);
    expect(await disabilityRequests()).toBe(1);
  });

  it('forgets every answer once the request writes, so nothing read before a change is served after it', async () => {
    const { reader, read } = oneRequest();
    await reader().read(read, status);
    await reader().write({ method: 'GET', path: '/claims/AB999999D', acceptStatuses: [404] }, status);
    await reader().read(read, status);
    expect(await disabilityRequests()).toBe(3);
  });
});

describe('the legacy client’s trace context', () => {
  /** A stand-in legacy system on loopback that answers 200 and keeps the `traceparent` of each call. */
  async function recordingSystem(): Promise<{ url: string; traceparents: Array<string | undefined>; close(): Promise<void> }> {
    const traceparents: Array<string | undefined> = [];
    const server = createServer((incoming, response) => {
      traceparents.push(incoming.headers.traceparent as string | undefined);
      response.end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/disability`, traceparents, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('sends each call’s own span as its W3C traceparent when tracing is on, and nothing when it is off', async () => {
    const system = await recordingSystem();
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing({ serviceName: 'legacy-client-test', exporter, sampleRatio: 1, exportEachSpan: true });
    const config = loadConfig({ LEGACY_DISABILITY_URL: system.url }).legacy.disability;
    const traced = createLegacyClient(config, { tracing });
    const untraced = createLegacyClient(config);
    clients.push(traced, untraced);
    const scope = { requestId: 'legacy-client-test', deadline: deadlineIn(2_000) };
    await traced.forRequest(scope).read({ method: 'GET', path: '/claims/AB123456C' }, () => null);
    await untraced.forRequest(scope).read({ method: 'GET', path: '/claims/AB123456C' }, () => null);
    await system.close();
    const [span] = exporter.getFinishedSpans();
    expect(system.traceparents).toEqual([`00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`, undefined]);
    expect(span!.attributes).toMatchObject({ [SPAN_ATTRIBUTES.legacySystem]: 'disability', [SPAN_ATTRIBUTES.legacyOperation]: 'GET /claims/{id}', [SPAN_ATTRIBUTES.outcome]: 'ok' });
    await tracing.shutdown();
  });
});
