import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processTree } from '../bench/proc.ts';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { createDevIssuer } from '../platform/auth/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import { freePort } from '../platform/http/index.ts';
import { isRunning } from '../platform/process/index.ts';
import { createTestDatabase } from '../platform/database/test-databases.ts';
import { temporaryDirectory } from './temporary-directory.ts';

// `npm start` as a user runs it: `node bin/start.ts` in a child process, on ports nobody else uses.
const ROOT = join(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');

interface Started {
  readonly child: ChildProcess;
  /** Every line printed so far, stdout and stderr. */
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The URL printed for a component, once the system says it is up. */
  readonly url: (component: string) => string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function baseEnv(extra: Record<string, string>): Record<string, string> {
  const { PATH = '', HOME = '' } = process.env;
  return { PATH, HOME, HOST: '127.0.0.1', LOG_LEVEL: 'silent', POPULATION_SIZE: '60', ...extra };
}

/** Starts `node bin/start.ts` (or `command`); resolves once it printed `until` (or exited). */
async function start(env: Record<string, string>, until: RegExp, command: readonly string[] = [NODE, join(ROOT, 'bin/start.ts')]): Promise<Started> {
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      if (until.test(text)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => resolve());
  });
  return {
    child,
    output: () => text,
    exited,
    url(component) {
      const url = new RegExp(`^${component}\\s+(\\S+)$`, 'm').exec(text)?.[1];
      if (!url) throw new Error(`no ${component} URL in:\n${text}`);
      return url;
    },
  };
}

/** Lock and pid files anywhere under `dir`: what a crashed or cut-short process leaves behind. */
function lockFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(lock|pid)$/.test(name));
}

const READY = /^workers\s/m;

describe('npm start', () => {
  it(
    'on SIGTERM lets requests in flight finish with their data, meanwhile answers new connections 503 SHUTTING_DOWN, and exits 0',
    async () => {
      const store = await createTestDatabase();
      try {
        const dataDir = temporaryDirectory('lifecycle');
        const env = baseEnv({
          PORT: '0', ESTATE_PORT: '0', OPS_PORT: '0', WORKERS: '2', DATA_DIR: dataDir, DATABASE_URL: store.url,
          // Every State Pension answer takes 1.5 s, so requests are surely in flight when the signal comes.
          ESTATE_FAULTS: JSON.stringify({ pscs: { latencyMs: 1_500 } }),
          LEGACY_HEADERS_TIMEOUT_MS: '20000', LEGACY_BODY_TIMEOUT_MS: '20000', SHUTDOWN_TIMEOUT_MS: '30000',
          // A request deadline no busy machine reaches, so the State Pension system's 1.5 s never costs an answer its part.
          REQUEST_DEADLINE_MS: '30000',
          // On a busy machine the four wait their turn rather than being shed: this is about shutdown, not load.
          OVERLOAD_MAX_WAIT_MS: '30000',
        });
        const system = await start(env, READY);
        const gateway = system.url('gateway');
        const config = loadConfig(env);
        const issuer = await createDevIssuer({ dataDir, issuer: config.auth.issuer, audience: config.auth.audience });
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${await issuer.mint({ role: 'agent' })}`, 'x-purpose': 'CASE-1' };
        const query = JSON.stringify({ query: `{ citizen(nino: "${SHOWCASE.pensionerCouple.nino}") { nino awards { benefit } } }` });
        let pending = 4;
        const inFlight = Array.from({ length: pending }, () =>
          request(gateway, { method: 'POST', headers, body: query })
            .then(async (response) => ({ status: response.statusCode, body: (await response.body.json()) as { data?: { citizen?: { awards?: unknown[] } } } }))
            .finally(() => (pending -= 1)),
        );
        // Observed at once: should an expectation below fail first, these are not left to reject unhandled.
        const answers = Promise.allSettled(inFlight);
        // In flight: every request has reached the State Pension system, which is still waiting
        // (or one came back early, which the check below reports rather than waiting for ever).
        const estate = system.url('estate');
        const pscsRequests = async () => ((await (await request(`${estate}/__stats`)).body.json()) as { pscs: { requests: number } }).pscs.requests;
        while (pending === 4 && (await pscsRequests()) < 4) await new Promise((resolve) => setImmediate(resolve));
        expect(pending, 'an answer came back before every request reached the State Pension system').toBe(4);

        system.child.kill('SIGTERM');
        // A new connection while answers are still owed: told to come back, not reset or refused.
        // (One that reaches a worker before the supervisor's order to drain is simply answered.)
        let refusal: { status: number; retryAfter: unknown; code: unknown } | undefined;
        while (!refusal && pending > 0) {
          const response = await request(gateway, { method: 'POST', headers: { ...headers, connection: 'close' }, body: JSON.stringify({ query: '{ __typename }' }) });
          const body = (await response.body.json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
          if (response.statusCode !== 200) refusal = { status: response.statusCode, retryAfter: response.headers['retry-after'], code: body.errors?.[0]?.extensions?.code };
        }
        expect(refusal, 'no new connection was answered while answers were still owed').toEqual({ status: 503, retryAfter: '1', code: 'SHUTTING_DOWN' });
        for (const answer of await answers) {
          if (answer.status === 'rejected') throw answer.reason;
          const { status, body } = answer.value;
          expect(status).toBe(200);
          expect(body.data?.citizen?.awards?.length).toBeGreaterThan(0);
        }
        expect(await system.exited).toEqual({ code: 0, signal: null });
        expect(lockFiles(dataDir)).toEqual([]);
      } finally {
        await store.drop();
      }
    },
    120_000,
  );

  it(
    'beside a running one says in one line which port is taken; the first then stops on SIGINT, exit 0, lock released',
    async () => {
      const dataDir = temporaryDirectory('lifecycle');
      // The embedded PostgreSQL, which keeps a pid file while it runs.
      const env = baseEnv({ PORT: String(await freePort()), ESTATE_PORT: String(await freePort()), OPS_PORT: String(await freePort()), DATA_DIR: dataDir });
      const first = await start(env, READY);
      expect(first.output()).toMatch(/^gateway\s/m);
      // Every process it forked runs with the heap settings that keep the system under its memory bound.
      const children = readFileSync(`/proc/${first.child.pid}/task/${first.child.pid}/children`, 'utf8').trim().split(/\s+/);
      const forked = children.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).filter((args) => args.includes(join(ROOT, 'bin/start.ts')));
      expect(forked.map((args) => args.at(-2))).toEqual(expect.arrayContaining(['estate', 'gateway', 'delivery']));
      for (const args of forked) expect(args).toEqual(expect.arrayContaining(['--max-semi-space-size=16', '--heap-growing-percent=50']));
      expect(lockFiles(dataDir).length, 'the running system holds a lock').toBeGreaterThan(0);

      const second = await start(env, /$^/);
      expect((await second.exited).code).toBe(1);
      const said = second.output().trim();
      // The gateway port first: its workers share it (SO_REUSEPORT), so only the supervisor's check sees it taken.
      expect(said).toMatch(new RegExp(`^Port ${env.PORT} is already in use .*set PORT to another port\\.$`));
      expect(said.split('\n')).toHaveLength(1);

      first.child.kill('SIGINT');
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(lockFiles(dataDir)).toEqual([]);
    },
    120_000,
  );

  it(
    'run as `npm start`, stops on a SIGTERM sent to npm itself: npm passes it on, and nothing is left running',
    async () => {
      const dataDir = temporaryDirectory('lifecycle');
      const env = baseEnv({ PORT: '0', ESTATE_PORT: '0', OPS_PORT: '0', DATA_DIR: dataDir, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` });
      const npm = await start(env, READY, ['npm', 'start', '--silent']);
      const tree = processTree(npm.child.pid!);
      expect(tree.length, 'npm, the supervisor and its forks').toBeGreaterThan(3);

      try {
        npm.child.kill('SIGTERM');
        expect((await npm.exited).code).toBe(0);
        await vi.waitFor(() => expect(tree.filter(isRunning)).toEqual([]), { timeout: 20_000, interval: 50 });
        expect(lockFiles(dataDir)).toEqual([]);
      } finally {
        // Whatever the outcome, nothing of it outlives the test.
        for (const pid of tree.filter(isRunning)) process.kill(pid, 'SIGKILL');
      }
    },
    120_000,
  );
});

