import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A database of a test's own, on the run's shared embedded server. */
export interface TestDatabase extends AsyncDisposable {
  readonly url: string;
  /** Drops the database, disconnecting anyone still on it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the server test/postgres-global-setup.ts started for the run,
 * so that test files and booted systems running in parallel never see each other's tables.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('testPostgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await asAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = () => (dropped ??= asAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return { url: url.toString(), drop, [Symbol.asyncDispose]: drop };
}

async function asAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
