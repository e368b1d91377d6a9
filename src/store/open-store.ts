/** Opens the store the configuration names (PostgreSQL when a URL is given, else SQLite in the data directory). */
import { join } from 'node:path';
import { ConfigError } from '../footage/errors';
import type { Store } from '../footage/ports/store';
import type { SharingStoreExtension } from '../footage/sharing/ports';
import { logger } from '../log';
import { SqlStore } from './sql-store';
import { PostgresDriver } from './sql/postgres-driver';
import { SqliteDriver } from './sql/sqlite-driver';
import { systemClock, type Clock } from './sql/values';

export interface OpenStoreOptions {
  /** DATABASE_URL: PostgreSQL when set, the embedded SQLite database otherwise. */
  databaseUrl?: string;
  /** DATA_DIR: the embedded database lives at `<dataDir>/bot.sqlite`. */
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests give each file its own. Lowercase identifier. */
  schema?: string;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  /** Source of every timestamp the store writes and compares (job due times, leases); tests move it. */
  clock?: Clock;
  /** PostgreSQL connections per instance (default 10). */
  poolSize?: number;
}

export const SQLITE_FILE_NAME = 'bot.sqlite';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertPostgresUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError(
      'DATABASE_URL',
      'a PostgreSQL URL such as postgres://user:password@host:5432/database (it could not be parsed)',
    );
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `a postgres:// or postgresql:// URL (got ${protocol}//...)`);
  }
}

/**
 * Opens the store the configuration names and, unless told otherwise, brings its schema up to
 * date. Fails (UpstreamUnavailableError) when PostgreSQL does not answer, so that the process or
 * test that asked for it stops instead of running without a database.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store & SharingStoreExtension> {
  const clock = options.clock ?? systemClock;
  const databaseUrl = options.databaseUrl?.trim();
  let store: SqlStore;
  if (databaseUrl) {
    assertPostgresUrl(databaseUrl);
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new ConfigError('schema', 'a lowercase SQL identifier (letters, digits, underscore)');
    }
    store = new SqlStore(
      new PostgresDriver({ url: databaseUrl, schema: options.schema, poolSize: options.poolSize }),
      clock,
    );
  } else {
    store = new SqlStore(new SqliteDriver(join(options.dataDir, SQLITE_FILE_NAME)), clock);
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  logger.info({ database: store.describe() }, 'store open');
  return store;
}
