/**
 * `npm run bench`: how much batching saves, measured as ratios within one run (absolute
 * times on a shared machine are noise; ratios between runs of the same process are not).
 *
 * Boots the whole system on loopback (estate, five subgraphs, gateway), then compares:
 *  - a caseload of 50 citizens in one `citizens(ninos)` query, against
 *  - the same 50 citizens as 50 `citizen(nino)` queries, one after another (a naive UI),
 * counting legacy calls from the estate's /__stats, and measures single-citizen throughput
 * at a fixed concurrency. Every loop is bounded in count and time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { startSystem } from '../bin/start-system.ts';
import { createDevIssuer } from '../platform/auth/index.ts';

const ROUNDS = 10;
const THROUGHPUT_SECONDS = 5;
const CONCURRENCY = 16;
const RATE_LIMITS = '{"agent":{"perSubject":1000000000}}';

const VIEW = 'nino name { fullName } currentAddress { postcode } awards { benefit amount nextPayment { date amount } } bankAccount { sortCode accountNumber } relationships { type }';

const dataDir = mkdtempSync(join(tmpdir(), 'citizen-graph-bench-'));
const system = await startSystem({
  // DATABASE_URL, when set, puts the audit on that PostgreSQL instead of an embedded server under dataDir.
  env: {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    // One caseworker token sends the whole load here, far past any person's budget: the benchmark measures throughput, not the per-caller limit.
    RATE_LIMITS,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  },
  ephemeralPorts: true,
});
const issuer = await createDevIssuer({ dataDir: system.config.dataDir, issuer: system.config.auth.issuer, audience: system.config.auth.audience });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${await issuer.mint({ role: 'agent', ttlSeconds: 3600 })}`, 'x-purpose': 'BENCH-1' };
const gatewayUrl = system.gateway!.url;
const estateUrl = system.estate!.url;
const people = system.estate!.population.people;

async function graphql(query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await request(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.body.json()) as { errors?: unknown[] };
  if (response.statusCode !== 200 || body.errors) throw new Error(`benchmark query failed: ${JSON.stringify(body.errors ?? response.statusCode)}`);
}

async function legacyCalls(): Promise<number> {
  const stats = (await (await request(`${estateUrl}/__stats`)).body.json()) as Record<string, { requests: number }>;
  return Object.values(stats).reduce((total, system) => total + system.requests, 0);
}

async function resetStats(): Promise<void> {
  await (await request(`${estateUrl}/__stats/reset`, { method: 'POST' })).body.dump();
}

async function measure(label: string, run: (ninos: string[]) => Promise<void>) {
  let totalMs = 0;
  let calls = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const ninos = people.slice(1000 + round * 50, 1050 + round * 50).map((person) => person.nino);
    await resetStats();
    const started = performance.now();
    await run(ninos);
    totalMs += performance.now() - started;
    calls += await legacyCalls();
  }
  return { label, msPerCaseload: totalMs / ROUNDS, legacyCallsPerCaseload: calls / ROUNDS };
}

const batched = (ninos: string[]) => graphql(`query($ninos: [NINO!]!) { citizens(ninos: $ninos) { ${VIEW} } }`, { ninos });
const oneByOne = async (ninos: string[]) => {
  for (const nino of ninos) await graphql(`query($nino: NINO!) { citizen(nino: $nino) { ${VIEW} } }`, { nino });
};

// Warm up connections, JIT and query-plan caches on citizens the measurements do not use.
for (let i = 0; i < 3; i++) await batched(people.slice(20 + i * 50, 70 + i * 50).map((person) => person.nino));
for (const person of people.slice(200, 230)) await graphql(`query($nino: NINO!) { citizen(nino: $nino) { ${VIEW} } }`, { nino: person.nino });

const a = await measure('one caseload query (50 citizens)', batched);
const b = await measure('50 single-citizen queries', oneByOne);

const latencies: number[] = [];
const deadline = performance.now() + THROUGHPUT_SECONDS * 1000;
let next = 5000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline && next < people.length) {
      const nino = people[next++]!.nino;
      const started = performance.now();
      await graphql(`query($nino: NINO!) { citizen(nino: $nino) { ${VIEW} } }`, { nino });
      latencies.push(performance.now() - started);
    }
  }),
);
latencies.sort((x, y) => x - y);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

await system.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(`\n| measure | one caseload query | 50 single queries | ratio |`);
console.log(`|---|---|---|---|`);
console.log(`| legacy calls per 50 citizens | ${a.legacyCallsPerCaseload.toFixed(0)} | ${b.legacyCallsPerCaseload.toFixed(0)} | ${(b.legacyCallsPerCaseload / a.legacyCallsPerCaseload).toFixed(1)}x fewer |`);
console.log(`| wall time per 50 citizens (ms) | ${a.msPerCaseload.toFixed(0)} | ${b.msPerCaseload.toFixed(0)} | ${(b.msPerCaseload / a.msPerCaseload).toFixed(1)}x faster |`);
console.log(`\naudit store: ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}; rate limits RATE_LIMITS=${RATE_LIMITS}`);
console.log(`single-citizen whole view, ${CONCURRENCY} concurrent callers for ${THROUGHPUT_SECONDS} s: ${(latencies.length / THROUGHPUT_SECONDS).toFixed(0)} requests/s, p50 ${percentile(50)} ms, p95 ${percentile(95)} ms (${latencies.length} requests)`);
