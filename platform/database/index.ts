export { openSqlDatabase } from './sql-database.ts';
export type { SqlDatabase, SqlQueryable, SqlRow } from './sql-database.ts';
export { resolveDatabaseUrl } from './resolve-database-url.ts';
export type { DatabaseServer } from './resolve-database-url.ts';
export { openEmbeddedPostgres } from './embedded-postgres.ts';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded-postgres.ts';
