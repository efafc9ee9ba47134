import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The peer gateways live in a package of their own (bench/peers, with its own lockfile), so
 * the project's `npm install` stays lean; the first `npm run bench` installs them.
 */
export const PEERS_DIR = fileURLToPath(new URL('./peers/', import.meta.url));

export function ensurePeersInstalled(): void {
  if (existsSync(`${PEERS_DIR}node_modules/@graphql-hive/router-runtime/package.json`) && existsSync(`${PEERS_DIR}node_modules/@graphql-hive/gateway/package.json`)) return;
  console.log('Installing the peer gateways (npm ci --prefix bench/peers), once...');
  // Under `npm run`, npm_execpath is the npm that runs us; otherwise the one on PATH.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund']] : ['npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund']];
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Could not install the peer gateways: see npm output above');
}
