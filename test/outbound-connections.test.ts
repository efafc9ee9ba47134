import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * A department's system reaches only what it was configured to reach. Every connection the
 * system opens from boot to shutdown is seen here through Node's diagnostics channels: Node's
 * own HTTP client (what third-party libraries use to report home or to probe cloud metadata
 * services) and undici's (the legacy clients).
 */
const hostsReached = new Set<string>();
const onNodeRequest = (message: unknown) => {
  const request = (message as { request: ClientRequest }).request;
  hostsReached.add(request.host);
};
const onUndiciConnect = (message: unknown) => {
  hostsReached.add((message as { connectParams: { hostname: string } }).connectParams.hostname);
};

let system: TestSystem | undefined;

beforeAll(async () => {
  subscribe('http.client.request.start', onNodeRequest);
  subscribe('undici:client:beforeConnect', onUndiciConnect);
  system = await startTestSystem({ POPULATION_SIZE: '100' });
});
afterAll(async () => {
  await system?.close();
  unsubscribe('http.client.request.start', onNodeRequest);
  unsubscribe('undici:client:beforeConnect', onUndiciConnect);
});

describe('outbound connections', () => {
  it('from boot through a served query to shutdown, the system connects to loopback only: nothing reports home or probes cloud metadata', async () => {
    const answer = await system!.graphql('query ($nino: NINO!) { citizen(nino: $nino) { name { fullName } awards { benefit } } }', { nino: SHOWCASE.pensionerCouple.nino });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.citizen?.name.fullName).toBeTruthy();
    // Shutdown is where a library's buffered report would be sent.
    await system!.close();
    system = undefined;
    expect(hostsReached.size).toBeGreaterThan(0);
    expect([...hostsReached].filter((host) => host !== '127.0.0.1' && host !== 'localhost')).toEqual([]);
  });
});
