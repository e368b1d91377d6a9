/** The durable store behind the domain's Store port: SQLite embedded, or PostgreSQL for several instances. */
export { SQLITE_FILE_NAME, openStore } from './open-store';
export { describePostgresUrl } from './sql/postgres-driver';
export type { Clock } from './sql/values';
