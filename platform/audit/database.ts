import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockEmbeddedStore } from './embedded-lock.ts';

export type SqlRow = Record<string, unknown>;

/** The one query interface the audit log speaks, over PostgreSQL and PGlite alike: the same SQL runs on both. */
export interface SqlQueryable {
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface SqlDatabase extends SqlQueryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface AuditDatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  readonly databaseUrl?: string;
  /** Embedded store folder is `<dataDir>/audit`; in memory (tests) when absent. */
  readonly dataDir?: string;
}

export async function openAuditDatabase(options: AuditDatabaseOptions): Promise<SqlDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.dataDir === undefined) return wrapPglite(await PGlite.create(), async () => {});
  await mkdir(options.dataDir, { recursive: true });
  // PGlite has no lock of its own: a second process opening the folder would corrupt it.
  const unlock = await lockEmbeddedStore(join(options.dataDir, 'audit.lock'));
  try {
    return wrapPglite(await PGlite.create(join(options.dataDir, 'audit')), unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

function wrapPglite(db: PGlite, unlock: () => Promise<void>): SqlDatabase {
  const queryable = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    query: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => ({ rows: (await target.query<T>(sql, [...params])).rows }),
  });
  return {
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: async () => {
      await db.close();
      await unlock();
    },
  };
}

function openPostgres(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // An idle connection dropped by the server must not crash the process; the next query
  // fails instead, and a failed audit write fails closed.
  pool.on('error', () => {});
  const queryable = (target: Pick<pg.Pool, 'query'>): SqlQueryable => ({
    query: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) => ({ rows: (await target.query<T>(sql, [...params])).rows }),
  });
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
