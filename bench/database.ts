import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The one place the benchmark gets its audit database. Every process of the system under
 * test shares one PostgreSQL (a server given by URL, or the run's own embedded one): the
 * benchmark works in a schema of its own that it drops afterwards, and tags its connections
 * so their server processes can be found and their CPU counted.
 */
export interface BenchDatabase extends AsyncDisposable {
  /** For DATABASE_URL of every component: the private schema, and connections tagged as ours. */
  readonly url: string;
  /**
   * PostgreSQL's processes on this machine: `ours` serve the benchmark's connections;
   * `shared` are the server's own (WAL writer, checkpointer...), which also work for
   * anyone else using the same server.
   */
  serverPids(): Promise<{ ours: number[]; shared: number[] }>;
  close(): Promise<void>;
}

export async function openBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const tag = randomBytes(5).toString('hex');
  const schema = `bench_${tag}`;
  const applicationName = `citizen-graph-bench-${tag}`;
  const admin = new pg.Client({ connectionString: serverUrl, application_name: `${applicationName}-admin` });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', applicationName);
  const close = async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
  };
  return {
    url: url.toString(),
    async serverPids() {
      const { rows } = await admin.query<{ pid: number; ours: boolean }>(
        `SELECT pid, application_name = $1 AS ours FROM pg_stat_activity WHERE application_name = $1 OR backend_type <> 'client backend'`,
        [applicationName],
      );
      return { ours: rows.filter((row) => row.ours).map((row) => row.pid), shared: rows.filter((row) => !row.ours).map((row) => row.pid) };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
