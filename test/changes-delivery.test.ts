import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';
import { temporaryDirectory } from './temporary-directory.ts';
import { copiesOf, deliveryTo, DELIVERY_WAIT_MS, isoDay, QUICK_QUEUE, recordsOf, REPORT_ADDRESS, reported, someoneElsesUprn, waitForChange } from './changes-harness.ts';

// The delivery worker as `npm start -- delivery` runs it: a process of its own, which a test
// can kill -9 mid-delivery and start again, beside a system (gateway, subgraphs, estate) that runs on.
const ROOT = join(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');

let system: TestSystem;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // No delivery worker in process: each test starts its own as a child process.
  system = await startTestSystem({ ...QUICK_QUEUE });
});
afterEach(() => {
  for (const worker of workers.splice(0)) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
});
afterAll(async () => {
  await system?.close();
});

/** Starts a delivery worker process on the test system's database and estate; resolves once it is taking jobs. */
async function startWorker(): Promise<ChildProcess> {
  const { PATH = '', HOME = '' } = process.env;
  const env = {
    PATH, HOME, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...QUICK_QUEUE,
    DATA_DIR: temporaryDirectory('delivery'),
    DATABASE_URL: system.system.config.database.url!,
    ESTATE_URL: system.system.estate!.url,
  };
  const child = spawn(NODE, [join(ROOT, 'bin/start.ts'), 'delivery'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  workers.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/^delivery\s+pid \d+$/m.test(output)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the delivery worker exited (${code}) before it started:\n${output}`)));
  });
  return child;
}

async function cisCalls(operation: string): Promise<number> {
  return (await system.stats()).cis.operations[operation] ?? 0;
}

async function report(nino: string, effectiveDate = isoDay()): Promise<string> {
  return reported(await system.graphql(REPORT_ADDRESS, { nino, uprn: someoneElsesUprn(system, nino), effectiveDate, key: randomUUID() })).id;
}

// Each test waits for deliveries (bounded by DELIVERY_WAIT_MS per wait), and starts worker processes.
describe('the delivery worker, as its own process', { timeout: 120_000 }, () => {
  it('killed with SIGKILL while CIS applies the write (the reply lost), restarted: CIS and every other system hold the change exactly once', async () => {
    const nino = SHOWCASE.pipClaimant.nino;
    const id = await report(nino);
    // Every CIS answer takes 600 ms (a read before write and the write fit the 4 s budget), so the kill lands mid-write.
    await system.setFaults('cis', { latencyMs: 600 });
    const writesBefore = await cisCalls('update');
    const first = await startWorker();
    await expect.poll(() => cisCalls('update'), { timeout: DELIVERY_WAIT_MS, interval: 10 }).toBeGreaterThan(writesBefore);
    first.kill('SIGKILL');
    await system.setFaults('cis', {});
    // The estate applies a write whose caller hung up: the crash fell between the write and its acknowledgement.
    await expect.poll(async () => (await copiesOf(system, nino, id)).cis, { timeout: DELIVERY_WAIT_MS, interval: 50 }).toBe(1);

    await startWorker();
    const done = await waitForChange(system, id, (change) => change.status === 'COMPLETED');
    // The killed attempt and at least one more (a busy machine may time one out and retry it).
    expect(deliveryTo(done, 'cis')!.attempts).toBeGreaterThanOrEqual(2);
    const copies = await copiesOf(system, nino, id);
    for (const delivery of done.deliveries) expect(copies[delivery.system] ?? 0, delivery.system).toBe(delivery.status === 'DELIVERED' ? 1 : 0);
    expect(copies.cis).toBe(1);
  });

  it('a CIS outage holds the change, counting attempts and the last error; cleared, the change is delivered once', async () => {
    const nino = SHOWCASE.ucFamily.nino;
    const id = await report(nino);
    await system.setFaults('cis', { outage: true });
    await startWorker();
    const failing = await waitForChange(system, id, (change) => (deliveryTo(change, 'cis')?.attempts ?? 0) >= 2);
    expect(deliveryTo(failing, 'cis')).toMatchObject({ status: 'PENDING', lastError: { system: 'cis', code: 'LEGACY_UNAVAILABLE' }, deliveredAt: null });
    expect(failing.status).toBe('IN_PROGRESS');

    await system.setFaults('cis', {});
    await waitForChange(system, id, (change) => deliveryTo(change, 'cis')?.status === 'DELIVERED');
    expect((await copiesOf(system, nino, id)).cis).toBe(1);
  });

  it('two changes for one citizen reach each system in the order they were made', async () => {
    const nino = SHOWCASE.jsaClaimant.nino;
    const first = await report(nino, isoDay(-2));
    const second = await report(nino, isoDay(-1));
    await startWorker();
    const done = await waitForChange(system, second, (change) => change.status === 'COMPLETED');
    const delivered = done.deliveries.filter((delivery) => delivery.status === 'DELIVERED').map((delivery) => delivery.system);
    expect(delivered).toEqual(expect.arrayContaining(['cis', 'jsaps']));
    const records = await recordsOf(system, nino);
    for (const system of delivered) {
      expect(records[system]!.map((record) => record.reference).filter((reference) => reference === first || reference === second), system).toEqual([first, second]);
    }
  });
});
