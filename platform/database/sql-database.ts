import pg from 'pg';

export type SqlRow = Record<string, unknown>;

/** The one query interface our stores speak: plain parameterised SQL on PostgreSQL. */
export interface SqlQueryable {
  /**
   * `prepareAs`: a name for a statement run on every request: each connection then parses and
   * plans it once, not on every run. One name must always mean the same `sql`.
   */
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[], options?: { readonly prepareAs?: string }): Promise<{ rows: T[] }>;
}

export interface SqlDatabase extends SqlQueryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Connections per pool: each process's writers batch their commits, so a few are enough. */
const POOL_SIZE = 4;

/** A `pg` pool on `connectionString`; nothing is connected until the first query. */
export function openSqlDatabase(connectionString: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE });
  // An idle connection dropped by the server must not crash the process; the next query
  // fails instead, and a failed audit write fails closed.
  pool.on('error', () => {});
  const queryable = (target: Pick<pg.Pool, 'query'>): SqlQueryable => ({
    query: async <T extends SqlRow>(sql: string, params: readonly unknown[] = [], options: { readonly prepareAs?: string } = {}) => ({
      rows: (await target.query<T>({ text: sql, values: [...params], ...(options.prepareAs === undefined ? {} : { name: options.prepareAs }) })).rows,
    }),
  });
  let ended: Promise<void> | undefined;
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
    /** Waits for queries in flight, then disconnects; calling it again is harmless. */
    close: () => (ended ??= pool.end()),
  };
}
