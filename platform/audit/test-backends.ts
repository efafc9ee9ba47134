import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openAuditDatabase, type SqlDatabase } from './database.ts';

/**
 * The stores the audit tests run against: embedded PGlite always, and a real PostgreSQL when
 * TEST_DATABASE_URL is set. Each PostgreSQL test store lives in its own schema, so test files
 * running in parallel never see each other's tables.
 */
export interface TestBackend {
  readonly name: string;
  /** False when this backend is not configured: its tests are then skipped, visibly. */
  readonly available: boolean;
  open(): Promise<TestStore>;
}

export interface TestStore {
  readonly database: SqlDatabase;
  /** A connection string for child processes (PostgreSQL only). */
  readonly databaseUrl?: string;
  /** Drops every audit table, for a fresh start. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = 'audit_citizen, audit_entry, audit_chain_head';

const pglite: TestBackend = {
  name: 'PGlite (embedded)',
  available: true,
  async open() {
    const database = await openAuditDatabase({});
    return {
      database,
      reset: async () => {
        await database.query(`DROP TABLE IF EXISTS ${TABLES}`);
      },
      close: () => database.close(),
    };
  },
};

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** A real PostgreSQL for tests, when one is configured. */
export const testPostgresAvailable = Boolean(testDatabaseUrl);

export interface TestSchema extends AsyncDisposable {
  /** TEST_DATABASE_URL with this schema as the search path: hand it on as DATABASE_URL. */
  readonly databaseUrl: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A fresh schema in the test PostgreSQL, so test files running in parallel never share tables. */
export async function createTestSchema(): Promise<TestSchema> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `audit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const drop = async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  };
  return { databaseUrl: url.toString(), drop, [Symbol.asyncDispose]: drop };
}

const postgres: TestBackend = {
  name: 'PostgreSQL (TEST_DATABASE_URL)',
  available: testPostgresAvailable,
  async open() {
    const schema = await createTestSchema();
    const database = await openAuditDatabase({ databaseUrl: schema.databaseUrl });
    return {
      database,
      databaseUrl: schema.databaseUrl,
      reset: async () => {
        await database.query(`DROP TABLE IF EXISTS ${TABLES}`);
      },
      close: async () => {
        await database.close();
        await schema.drop();
      },
    };
  },
};

export const TEST_BACKENDS: readonly TestBackend[] = [pglite, postgres];
