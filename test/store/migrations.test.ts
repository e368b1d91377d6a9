import { MIGRATIONS } from '../../src/store/migrations/schema';
import { backends, useFixture } from './support';

const latest = Math.max(...MIGRATIONS.map((migration) => migration.version));

describe.each(backends())('migrations on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('applies every version once, and a second run changes nothing', async () => {
    const db = fixture.database();
    const store = await db.open({ migrate: false });
    expect(await store.migrate()).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: latest });
    expect(await store.migrate()).toEqual({ applied: [], version: latest });

    const raw = await db.raw();
    const rows = await raw.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => [Number(row.version), row.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    // The audit chain starts at its genesis, seeded once.
    expect(await raw.query('SELECT seq FROM audit_head')).toHaveLength(1);
  });

  it('lets several instances migrate one empty database at once: each version applied exactly once', async () => {
    const db = fixture.database();
    const stores = await Promise.all([1, 2, 3, 4].map(() => db.open({ migrate: false })));
    const results = await Promise.all(stores.map((store) => store.migrate()));

    expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
    expect(results.every((result) => result.version === latest)).toBe(true);
    const raw = await db.raw();
    const rows = await raw.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    // Every instance can use the schema afterwards.
    await Promise.all(stores.map((store, i) => store.settings.set(`instance-${i}`, i)));
    expect(await stores[0].settings.get('instance-3')).toBe(3);
  });

  it('refuses to run when an applied version no longer matches the code', async () => {
    const { store, db } = await fixture.store();
    const raw = await db.raw();
    await raw.query("UPDATE schema_migrations SET name = 'something else' WHERE version = 1");
    await expect(store.migrate()).rejects.toThrow(/migration 1 is "something else" in the database/);
  });
});
