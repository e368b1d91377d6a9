import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';
import type { Person } from '../../src/footage/people';
import type { Store } from '../../src/footage/ports/store';
import { openStore, SQLITE_FILE_NAME, type Clock } from '../../src/store';
import { toNumberedPlaceholders, type Row, type SqlValue } from '../../src/store/sql/executor';

/**
 * Runs store suites against every database at hand: SQLite always, PostgreSQL whenever
 * TEST_DATABASE_URL is set. A set URL whose server does not answer makes every PostgreSQL test fail
 * (openStore rejects); nothing here catches that, so CI cannot pass without the database.
 */
export type BackendKind = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export function backends(): BackendKind[] {
  return TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** SQL straight at the database, bypassing the store: for tampering and for checking what was written. */
export interface RawSql {
  query(sql: string, params?: SqlValue[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** One empty database (an SQLite file, or a PostgreSQL schema); any number of stores may share it. */
export interface TestDatabase {
  open(options?: { migrate?: boolean; clock?: Clock }): Promise<Store>;
  raw(): Promise<RawSql>;
}

/** A clock the test moves by hand. */
export class ManualClock {
  private current: number;

  constructor(start = '2025-03-01T09:00:00.000Z') {
    this.current = Date.parse(start);
  }

  readonly now: Clock = () => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Hands out fresh databases for one test file and removes them all at the end. PostgreSQL schemas
 * are named after the file plus random bits, so parallel jest workers never share one.
 */
export class StoreFixture {
  private readonly prefix: string;
  private readonly stores: Store[] = [];
  private readonly raws: RawSql[] = [];
  private readonly schemas: string[] = [];
  private readonly dirs: string[] = [];
  private counter = 0;

  constructor(
    readonly kind: BackendKind,
    testFile: string,
  ) {
    const slug = basename(testFile)
      .replace(/\.test\.ts$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 24);
    this.prefix = `t_${slug}_${randomBytes(4).toString('hex')}`;
  }

  /** A new empty database. */
  database(): TestDatabase {
    this.counter += 1;
    return this.kind === 'postgres' ? this.postgresDatabase(`${this.prefix}_${this.counter}`) : this.sqliteDatabase();
  }

  /** A fresh database with one migrated store on it: what most tests need. */
  async store(options: { clock?: Clock } = {}): Promise<{ store: Store; db: TestDatabase }> {
    const db = this.database();
    return { store: await db.open(options), db };
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((store) => store.close().catch(() => undefined)));
    await Promise.all(this.raws.splice(0).map((raw) => raw.close().catch(() => undefined)));
    if (this.schemas.length > 0 && TEST_DATABASE_URL) {
      const admin = new Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        for (const schema of this.schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    }
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  private track(store: Store): Store {
    this.stores.push(store);
    return store;
  }

  private sqliteDatabase(): TestDatabase {
    const dataDir = mkdtempSync(join(tmpdir(), 'cctv-store-'));
    this.dirs.push(dataDir);
    return {
      open: async (options = {}) => this.track(await openStore({ dataDir, ...options })),
      raw: async () => {
        const connection = new Database(join(dataDir, SQLITE_FILE_NAME));
        const raw: RawSql = {
          query: async (sql, params = []) => {
            const statement = connection.prepare<SqlValue[]>(sql);
            if (statement.reader) return statement.all(...params) as Row[];
            statement.run(...params);
            return [];
          },
          close: async () => {
            connection.close();
          },
        };
        this.raws.push(raw);
        return raw;
      },
    };
  }

  private postgresDatabase(schema: string): TestDatabase {
    const url = TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    this.schemas.push(schema);
    return {
      open: async (options = {}) =>
        this.track(await openStore({ databaseUrl: url, dataDir: '/nonexistent', schema, poolSize: 5, ...options })),
      raw: async () => {
        const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
        await client.connect();
        const raw: RawSql = {
          query: async (sql, params = []) => (await client.query(toNumberedPlaceholders(sql), params)).rows as Row[],
          close: () => client.end(),
        };
        this.raws.push(raw);
        return raw;
      },
    };
  }
}

/** Declares the usual per-backend fixture lifecycle inside a describe block. */
export function useFixture(kind: BackendKind, testFile: string): StoreFixture {
  const fixture = new StoreFixture(kind, testFile);
  afterAll(() => fixture.cleanup());
  return fixture;
}

/** An officer and her supervisor in one borough: the people most store and job suites need. */
export const ALICE: Person = {
  aadObjectId: 'aad-alice',
  name: 'PC Alice Carter',
  role: 'officer',
  borough: 'Lambeth',
  email: 'alice@police.example',
};

export const DANA: Person = {
  aadObjectId: 'aad-dana',
  name: 'Sgt Dana Whitfield',
  role: 'supervisor',
  borough: 'Lambeth',
  email: 'dana@police.example',
};
