import cluster, { type Worker } from 'node:cluster';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../platform/config/index.ts';
import { freePort, startRouteServer, type RunningServer } from '../platform/http/index.ts';
import { clusterMetricsHandler } from '../platform/metrics/index.ts';
import { explainStartFailure, onPort } from './start-failure.ts';
import { isWorkerMessage, SHUTDOWN } from './worker-messages.ts';
import { resolveDatabaseUrl, type DatabaseServer } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

type Role = 'estate' | 'system' | 'delivery';

/** The components each kind of worker runs (`bin/start.ts` reads them from its arguments). */
const ROLE_COMPONENTS: Readonly<Record<Role, readonly string[]>> = {
  // The stand-in for the department's systems, in a process of its own as they would be.
  estate: ['estate'],
  // A whole system: the gateway calling the seven subgraphs in process.
  system: [...SUBGRAPH_NAMES, 'gateway'],
  // The delivery worker, in a process of its own: killed or restarted apart from the gateway workers,
  // it resumes where the queue says it stopped.
  delivery: ['delivery'],
};

/** V8 flags every forked process runs with: the memory the workers hold is set here (platform/config says why). */
function heapFlags({ semiSpaceMb, heapGrowingPercent }: Config['process']): string[] {
  return [
    ...(semiSpaceMb > 0 ? [`--max-semi-space-size=${semiSpaceMb}`] : []),
    ...(heapGrowingPercent > 0 ? [`--heap-growing-percent=${heapGrowingPercent}`] : []),
  ];
}

/**
 * `npm start`: supervises the estate, WORKERS whole-system workers (node:cluster, sharing
 * the gateway port) and the delivery worker, serves the operations port with every worker's metrics summed, and on
 * SIGTERM/SIGINT drains the workers, then stops the estate, then exits 0.
 */
export async function runSupervisor(): Promise<void> {
  let config: Config;
  let ops: RunningServer;
  let database: DatabaseServer;
  let gatewayPort: number;
  try {
    config = loadConfig();
    const port = config.process.opsPort;
    // The workers each bind the gateway port beside one another (SO_REUSEPORT), which would not
    // notice another system already serving it: checked here, and a port of 0 chosen once for all.
    gatewayPort = await onPort('PORT', config.gateway.port, () => freePort(config.gateway.port, config.host));
    ops = await onPort('OPS_PORT', port, () =>
      startRouteServer({ 'GET /metrics': clusterMetricsHandler() }, { port, host: config.host, shutdownTimeoutMs: config.process.shutdownTimeoutMs }),
    );
    // Started (or found) here, before any worker, and stopped after them all: no worker's exit
    // may take the store away from the others while they drain.
    database = await resolveDatabaseUrl(config, createLogger({ level: config.logLevel, name: 'citizen-graph' }));
  } catch (error) {
    const explained = explainStartFailure(error);
    if (explained === undefined) throw error;
    console.error(explained);
    process.exit(1);
  }
  /** Where each component listens, as its first worker reported it. */
  const urls = new Map<string, string>();
  const workers = new Map<Worker, Role>();
  let shuttingDown: Promise<void> | undefined;

  /** Starts one worker; resolves once it serves, rejects with its one-line reason if it cannot. */
  function fork(role: Role, env: Record<string, string>): Promise<Worker> {
    cluster.setupPrimary({ args: [...ROLE_COMPONENTS[role]], execArgv: [...process.execArgv, ...heapFlags(config.process)] });
    const worker = cluster.fork(env);
    workers.set(worker, role);
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        if (message.type === 'citizen-graph:listening') {
          if (!urls.has(message.component)) console.log(`${message.component.padEnd(14)} ${message.url}`);
          urls.set(message.component, message.url);
        } else if (message.type === 'citizen-graph:ready') {
          ready = true;
          resolve(worker);
        } else reject(new Error(message.message));
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (!ready) return reject(new Error(`The ${role} worker exited while starting (${signal ?? `exit code ${code}`}).`));
        if (shuttingDown) return;
        // A crash after start: replace the worker; if the replacement cannot start, stop everything.
        console.error(`The ${role} worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}); starting another.`);
        fork(role, env).catch((failure: Error) => void stop(failure.message));
      });
    });
  }

  /** Drains the system workers and the delivery worker, then the estate they call, then the operations port; exits. */
  function stop(failure?: string): Promise<void> {
    shuttingDown ??= (async () => {
      if (failure) console.error(failure);
      let clean = failure === undefined;
      for (const role of ['system', 'delivery', 'estate'] as const) {
        const group = [...workers].filter(([, workerRole]) => workerRole === role).map(([worker]) => worker);
        const codes = await Promise.all(group.map((worker) => drain(worker, config.process.shutdownTimeoutMs)));
        if (codes.some((code) => code !== 0)) clean = false;
      }
      await ops.close();
      await database.close().catch(() => (clean = false));
      process.exit(clean ? 0 : 1);
    })();
    return shuttingDown;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
  try {
    await fork('estate', {});
    const count = config.process.workers;
    const shared = { ESTATE_URL: urls.get('estate')!, DATABASE_URL: database.url, PORT: String(gatewayPort) };
    await Promise.all([...Array.from({ length: count }, () => fork('system', shared)), fork('delivery', shared)]);
    console.log(`operations     ${ops.url}/metrics`);
    console.log(`workers        ${count} (WORKERS), pid ${process.pid} supervises`);
  } catch (error) {
    await stop((error as Error).message);
  }
}

/** Asks a worker to drain and resolves with its exit code; one that overruns twice its drain bound is killed. */
function drain(worker: Worker, shutdownTimeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve(worker.process.exitCode ?? 1);
    const overrun = setTimeout(() => worker.process.kill('SIGKILL'), shutdownTimeoutMs * 2);
    worker.once('exit', (code) => {
      clearTimeout(overrun);
      resolve(code ?? 1);
    });
    if (worker.isConnected()) worker.send(SHUTDOWN);
    else worker.process.kill('SIGTERM');
  });
}
