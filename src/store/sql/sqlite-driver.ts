/** How long a statement may keep waiting for another connection's write lock before it fails. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SQLITE_DIALECT, type Driver, type Executor, type Row, type SqlValue } from './executor';
import { Gate, Mutex, TransactionScope } from './gate';

const BUSY_DEADLINE_MS = 10_000;

/**
 * The embedded database: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous;
 * callers get promises so that both stores look alike. Transactions use BEGIN IMMEDIATE, so a
 * transaction holds the write lock from its first statement and compare-and-set reads cannot go
 * stale. When another connection holds that lock (a second store on the same file), we wait
 * asynchronously instead of SQLite's busy handler, which would block the one thread that the other
 * connection needs in order to finish.
 */
export class SqliteDriver implements Driver {
  readonly dialect = SQLITE_DIALECT;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement<SqlValue[]>>();
  private readonly mutex = new Mutex();
  private readonly gate = new Gate('the SQLite store');
  private readonly scope = new TransactionScope();

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Switching to WAL needs a moment of exclusive access; let SQLite wait for it this once.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    // FULL: a committed decision or audit entry survives a power cut, not only a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 0');
  }

  describe(): string {
    return `sqlite:${this.path}`;
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.scope.assertOutside();
    return this.gate.run(() => this.mutex.run(() => retryWhileBusy(() => this.queryNow(sql, params))));
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.scope.assertOutside();
    return this.gate.run(() => this.mutex.run(() => retryWhileBusy(() => this.runNow(sql, params))));
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.scope.assertOutside();
    return this.gate.run(() =>
      this.mutex.run(async () => {
        await retryWhileBusy(() => this.db.exec('BEGIN IMMEDIATE'));
        const tx = new SqliteTransaction(this);
        try {
          const result = await this.scope.run(() => fn(tx));
          await retryWhileBusy(() => this.db.exec('COMMIT'));
          return result;
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        } finally {
          tx.finished = true;
        }
      }),
    );
  }

  async prepareMigration(): Promise<void> {
    // BEGIN IMMEDIATE already excludes every other writer, including other processes.
  }

  async close(): Promise<void> {
    await this.gate.close();
    this.db.close();
  }

  /** Runs a statement immediately: only for code that holds the mutex. */
  queryNow(sql: string, params: readonly SqlValue[]): Row[] {
    const statement = this.prepare(sql);
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  }

  runNow(sql: string, params: readonly SqlValue[]): number {
    const statement = this.prepare(sql);
    if (statement.reader) return statement.all(...params).length;
    return statement.run(...params).changes;
  }

  private prepare(sql: string): Database.Statement<SqlValue[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<SqlValue[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** The executor handed to a transaction's callback: runs on the connection the callback owns. */
class SqliteTransaction implements Executor {
  readonly dialect = SQLITE_DIALECT;
  finished = false;

  constructor(private readonly driver: SqliteDriver) {}

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    this.assertOpen();
    return this.driver.queryNow(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.assertOpen();
    return this.driver.runNow(sql, params);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.assertOpen();
    return fn(this);
  }

  private assertOpen(): void {
    // A statement after the end would run outside any transaction, on a connection someone else may own.
    if (this.finished) throw new Error('transaction already finished');
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

async function retryWhileBusy<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_DEADLINE_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return fn();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      // Jittered, growing pause: two stores retrying in lockstep would collide forever.
      await sleep(Math.min(50, 1 + attempt * 2) * (0.5 + Math.random()));
    }
  }
}
