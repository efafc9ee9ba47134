import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { createTestDatabase, type TestDatabase } from '../platform/database/test-databases.ts';
import { startTestSystem, type TestSystem } from './harness.ts';
import { startDatabaseProxy, type DatabaseProxy } from './tcp-proxy.ts';

// The audit on a database of its own behind a proxy the tests can cut (the store-down test needs it).
let store: TestDatabase | undefined;
let proxy: DatabaseProxy | undefined;
let system: TestSystem;
let api: string;

beforeAll(async () => {
  // A breaker that may open after a few calls, so an outage opens it quickly, and tries again soon after.
  const env: Record<string, string> = { POPULATION_SIZE: '100', LEGACY_BREAKER_MIN_CALLS: '3', LEGACY_BREAKER_HALF_OPEN_AFTER_MS: '2000' };
  store = await createTestDatabase();
  proxy = await startDatabaseProxy(store.url);
  env.DATABASE_URL = proxy.url;
  system = await startTestSystem(env);
  api = system.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await system?.close();
  await proxy?.close();
  await store?.drop();
});

describe('health', () => {
  it('/health/live answers 200 while the process runs', async () => {
    const live = await system.send(`${api}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'live' });
  });

  it('/health/ready answers 200 with every check passing and the breaker of every legacy system the reads call (Notify is the delivery worker\'s alone)', async () => {
    const ready = await system.send(`${api}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { supergraph: 'ok', accepting: 'ok', audit: 'ok' },
      breakers: { cis: 'closed', uc: 'closed', pscs: 'closed', disability: 'closed', payments: 'closed', postcodes: 'closed', jsaps: 'closed' },
    });
  });

  it('shows an open breaker, in /metrics too, but stays ready: every instance shares the legacy systems', async () => {
    await system.setFaults('uc', { outage: true });
    try {
      // Failures over three-quarters of at least three calls open a breaker; UC is called once per request for awards.
      for (let call = 0; call < 6; call++) await system.graphql(`{ citizen(nino: "${SHOWCASE.ucFamily.nino}") { awards { benefit } } }`);
      const ready = await system.send(`${api}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', breakers: { uc: 'open', cis: 'closed' } });
      const metrics = await system.send(`${system.system.ops!.url}/metrics`);
      expect(metrics.text).toMatch(/citizen_graph_legacy_breaker\{system="uc",state="open"\} 1/);
      expect(metrics.text).toMatch(/citizen_graph_legacy_breaker\{system="cis",state="closed"\} 1/);
    } finally {
      await system.setFaults('uc', {});
      // Leave UC as found: the breaker closes once a probe after the half-open delay succeeds.
      await vi.waitFor(
        async () => {
          await system.graphql(`{ citizen(nino: "${SHOWCASE.ucFamily.nino}") { awards { benefit } } }`);
          expect((await system.send(`${api}/health/ready`)).body).toMatchObject({ breakers: { uc: 'closed' } });
        },
        { timeout: 10_000, interval: 200 },
      );
    }
  });

  it('is not ready (503) while the audit store does not answer, and ready again once it does', async () => {
    proxy!.cut();
    let unready;
    try {
      unready = await system.send(`${api}/health/ready`);
    } finally {
      proxy!.restore();
    }
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({ status: 'not ready', checks: { supergraph: 'ok', audit: 'failing' } });
    expect((await system.send(`${api}/health/ready`)).status).toBe(200);
  });
});

describe('operational endpoints', () => {
  it('serve /metrics on the operations port only, never on the public API port', async () => {
    expect((await system.send(`${api}/metrics`)).status).toBe(404);
    const metrics = await system.send(`${system.system.ops!.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('citizen_graph_graphql_responses_total');
    expect(system.system.ops!.port).not.toBe(system.system.gateway!.port);
  });
});

describe('topology', () => {
  it('opens no subgraph port when the gateway beside them calls them in process, and still answers through them', async () => {
    expect(system.system.subgraphs).toEqual({});
    const whole = await system.graphql(`{ citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { name { fullName } awards { benefit } bankAccount { masked } currentAddress { postcode } relationships { citizen { nino } } } }`);
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data?.citizen).toMatchObject({ name: { fullName: expect.stringMatching(/Brierley/) }, bankAccount: { masked: true } });
    expect(whole.body.data?.citizen.relationships.length).toBeGreaterThan(0);
  });
});
