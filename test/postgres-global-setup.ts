import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../platform/config/index.ts';
import { openEmbeddedPostgres } from '../platform/database/index.ts';
import { createLogger } from '../platform/logging/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's one embedded PostgreSQL server; tests make databases of their own on it (platform/database/test-databases.ts). */
    testPostgresUrl: string;
  }
}

/**
 * One embedded PostgreSQL server for the whole run, in a temporary folder removed after, so
 * that no test needs a PostgreSQL of the machine's and none starts a server of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'citizen-graph-test-postgres-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  const server = await openEmbeddedPostgres({
    dataDir,
    port: 0,
    timeoutMs: config.database.embeddedTimeoutMs,
    logger: createLogger({ level: 'warn', name: 'test-postgres' }),
    durable: false,
  });
  project.provide('testPostgresUrl', server.url);
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
