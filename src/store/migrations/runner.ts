/**
 * Brings the schema up to date in one transaction: all pending versions apply, or none do. The
 * driver serializes concurrent runs (an advisory lock on PostgreSQL, the write lock on SQLite), so
 * instances starting together apply each version exactly once and the others find it done.
 */
import type { MigrationResult } from '../../footage/ports/store';
import { logger } from '../../log';
import type { Driver } from '../sql/executor';
import { readInt, readString, timeParam, type Clock } from '../sql/values';
import type { Migration } from './schema';

export async function runMigrations(
  driver: Driver,
  migrations: readonly Migration[],
  clock: Clock,
): Promise<MigrationResult> {
  return driver.transaction(async (tx) => {
    await driver.prepareMigration(tx);
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at ${tx.dialect.types.timestamp} NOT NULL
    )`);
    const rows = await tx.query('SELECT version, name FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((row) => [readInt(row.version), readString(row.name)]));

    for (const [version, name] of applied) {
      const known = migrations.find((migration) => migration.version === version);
      if (!known) {
        // A newer release migrated this database; its schema is a superset, so keep serving.
        logger.warn(
          { version, name, database: driver.describe() },
          'database has a migration this release does not know',
        );
      } else if (known.name !== name) {
        throw new Error(
          `migration ${version} is "${name}" in the database but "${known.name}" in the code: refusing to guess`,
        );
      }
    }

    const appliedNow: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.up(tx.dialect)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        timeParam(clock()),
      ]);
      appliedNow.push(migration.version);
    }
    if (appliedNow.length > 0) logger.info({ applied: appliedNow, database: driver.describe() }, 'database migrated');
    const version = Math.max(0, ...applied.keys(), ...appliedNow);
    return { applied: appliedNow, version };
  });
}
