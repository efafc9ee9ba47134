import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEstateHandler } from './estate-server.ts';
import { NO_FAULTS, createFaultInjector } from './faults.ts';
import type { PopulationIndex } from './population-index.ts';
import { createStats } from './stats.ts';
import type { LegacySystem, SystemResponse } from './types.ts';

/**
 * When the estate answers: a system "at 250 ms" answers a read 250 ms after it arrived, its own
 * work inside that time, as a real system's response time includes its work; a write is applied
 * only once its wait is over. A system whose work takes 150 ms (held on the wall clock, so a busy
 * host cannot shorten it) shows which: answered after its work and then the whole wait, a read
 * would take 400 ms.
 */
const LATENCY_MS = 250;
const WORK_MS = 150;

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const applied: number[] = [];
const answer = (body: string): SystemResponse => ({ status: 200, contentType: 'text/plain', body });
const slowSystem: LegacySystem = {
  id: 'jsaps',
  routes: [
    { method: 'GET', pattern: /^\/read$/, operation: 'read', handle: () => (busyFor(WORK_MS), answer('read')) },
    { method: 'POST', pattern: /^\/write$/, operation: 'write', write: true, handle: () => (applied.push(performance.now()), answer('written')) },
  ],
  failure: (status, message) => ({ status, contentType: 'text/plain', body: message }),
  malformed: () => answer(''),
};

let server: Server;
/** Told how long the server took over the next request it answers. */
let answeredAfter: (ms: number) => void = () => {};
let base: string;
const closing = new AbortController();

beforeAll(async () => {
  const handler = createEstateHandler({
    systems: [slowSystem],
    population: {} as PopulationIndex,
    stats: createStats([slowSystem]),
    faults: createFaultInjector({ jsaps: { ...NO_FAULTS, latencyMs: LATENCY_MS } }, Math.random),
    populationSize: 0,
    signal: closing.signal,
  });
  // Timed in the server, from arrival to the answer's last byte: the client's own delays are not the estate's.
  server = createServer((request, response) => {
    const arrived = performance.now();
    response.once('finish', () => answeredAfter(performance.now() - arrived));
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jsaps`;
});
afterAll(async () => {
  closing.abort();
  await new Promise((resolve) => server.close(resolve));
});

describe('the estate answers at its latency', () => {
  it('answers a read its latency after it arrived, its own work done inside that time', async () => {
    const timed = new Promise<number>((resolve) => (answeredAfter = resolve));
    const response = await fetch(`${base}/read`);
    expect(await response.text()).toBe('read');
    const took = await timed;
    expect(took).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    // Half way between the two ways of answering: a wide margin for a busy host either side.
    expect(took).toBeLessThan(LATENCY_MS + WORK_MS / 2);
  });

  it('applies a write only once its wait is over', async () => {
    applied.length = 0;
    const sent = performance.now();
    const response = await fetch(`${base}/write`, { method: 'POST', body: '{}' });
    expect(await response.text()).toBe('written');
    expect(applied).toHaveLength(1);
    expect(applied[0]! - sent).toBeGreaterThanOrEqual(LATENCY_MS - 1);
  });
});
