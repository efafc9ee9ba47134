import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES } from '../platform/config/index.ts';
import type { GatewayKind } from './options.ts';
import { PEERS_DIR } from './peers.ts';
import { spawnProcess, type RunningProcess } from './processes.ts';
import { freePort } from '../platform/http/index.ts';
import { systemEnv, type SystemSettings } from './system.ts';

/**
 * The gateway comparison's topology: the simulated estate in its own process, each subgraph
 * in its own process (`node bin/start.ts <component>`), and each gateway under test in its
 * own process pinned to the last core, all in front of the same subgraphs over HTTP.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const START = fileURLToPath(new URL('../bin/start.ts', import.meta.url));

const GATEWAY_SCRIPTS: Record<GatewayKind, { args: readonly string[]; cwd: string }> = {
  ours: { args: [START, 'gateway'], cwd: ROOT },
  stock: { args: [fileURLToPath(new URL('./gateways/apollo-stock.ts', import.meta.url))], cwd: ROOT },
  hive: { args: [`${PEERS_DIR}hive-gateway.ts`], cwd: PEERS_DIR },
};

export const GATEWAY_LABELS: Record<GatewayKind, string> = {
  ours: 'Citizen Graph gateway (auth + audit on)',
  stock: 'stock @apollo/gateway',
  hive: 'Hive Gateway + Rust planner',
};

/** The core every gateway under test is pinned to: the last one, away from the kernel's favourite. */
export const GATEWAY_CPU = cpus().length - 1;

export interface Topology extends AsyncDisposable {
  readonly estateUrl: string;
  readonly estate: RunningProcess;
  readonly subgraphs: readonly RunningProcess[];
  readonly gateways: Readonly<Partial<Record<GatewayKind, { process: RunningProcess; url: string }>>>;
  close(): Promise<void>;
}

export async function startTopology(settings: SystemSettings, gateways: readonly GatewayKind[], logDir: string): Promise<Topology> {
  const env = systemEnv(settings, 'own-processes');
  const started: RunningProcess[] = [];
  const close = async () => {
    await Promise.all(started.reverse().map((process) => process.stop()));
  };
  const spawn = async (name: string, args: readonly string[], cwd: string, readyUrl: string, extraEnv: NodeJS.ProcessEnv = {}, cpu?: number) => {
    const running = await spawnProcess({ name, args, cwd, env: { ...env, ...extraEnv }, logDir, readyUrl, ...(cpu !== undefined ? { cpu } : {}) });
    started.push(running);
    return running;
  };
  try {
    const estateUrl = env.ESTATE_URL!;
    const estate = await spawn('estate', [START, 'estate'], ROOT, `${estateUrl}/__stats`);
    const subgraphs = await Promise.all(SUBGRAPH_NAMES.map((name) => spawn(name, [START, name], ROOT, env[`${name.toUpperCase()}_URL`]!)));
    const running: Partial<Record<GatewayKind, { process: RunningProcess; url: string }>> = {};
    for (const kind of gateways) {
      // Ours takes PORT from the settings; each peer gets a port of its own.
      const port = kind === 'ours' ? settings.ports.gateway : await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const script = GATEWAY_SCRIPTS[kind];
      running[kind] = { process: await spawn(`gateway-${kind}`, script.args, script.cwd, url, { PORT: String(port) }, GATEWAY_CPU), url };
    }
    return { estateUrl, estate, subgraphs, gateways: running, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
