import cluster from 'node:cluster';
import { shareMetricsWithPrimary } from '../platform/metrics/index.ts';
import { explainStartFailure } from './start-failure.ts';
import type { Component, RunningSystem } from './start-system.ts';
import { SHUTDOWN, type WorkerMessage } from './worker-messages.ts';

// `npm start`: the supervisor, which runs the estate and whole-system workers across the
// machine's cores. `npm start -- <component...>`: only those components, in this one process
// (docker-compose runs one per container). A cluster worker is started with its components.
// Each process loads only the code its part needs: the supervisor none of the system's, so
// that `npm start` does not hold Apollo and the estate once more in a process that serves neither.
const requested = process.argv.slice(2) as Component[];
const { COMPONENTS, startSystem } = requested.length > 0 ? await import('./start-system.ts') : { COMPONENTS: [] as readonly Component[], startSystem: undefined };
const unknown = requested.filter((name) => !COMPONENTS.includes(name));
if (unknown.length) {
  console.error(`Unknown component(s): ${unknown.join(', ')}. Choose from: ${COMPONENTS.join(', ')}.`);
  process.exit(2);
}

const print = (component: string, url: string) => console.log(`${component.padEnd(14)} ${url}`);

/** Drains and closes everything, then exits 0 (1 if closing failed). Safe to call again while it runs. */
function stopThenExit(system: RunningSystem): void {
  void system.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

async function runAlone(components: readonly Component[]): Promise<void> {
  let system: RunningSystem;
  try {
    system = await startSystem!({ components, onListening: print });
  } catch (error) {
    const explained = explainStartFailure(error);
    if (explained === undefined) throw error;
    console.error(explained);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopThenExit(system));
}

async function runWorker(components: readonly Component[]): Promise<void> {
  const send = (message: WorkerMessage) => void process.send!(message);
  // The supervisor orders shutdown (workers drain before the estate they call closes); a
  // terminal's Ctrl-C reaches every process of the group, so workers ignore signals themselves.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  let system: RunningSystem;
  try {
    system = await startSystem!({ components, clusterWorker: true, onListening: (component, url) => send({ type: 'citizen-graph:listening', component, url }) });
  } catch (error) {
    const message = explainStartFailure(error) ?? `${components.join(', ')} could not start: ${(error as Error).message}`;
    process.send!({ type: 'citizen-graph:failed', message } satisfies WorkerMessage, () => process.exit(1));
    return;
  }
  shareMetricsWithPrimary(system.metrics);
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === SHUTDOWN.type) stopThenExit(system);
  });
  // The supervisor is gone (killed): nobody will order the shutdown, so drain now.
  process.on('disconnect', () => stopThenExit(system));
  send({ type: 'citizen-graph:ready' });
}

if (cluster.isWorker) await runWorker(requested);
else if (requested.length > 0) await runAlone(requested);
else await (await import('./supervisor.ts')).runSupervisor();
